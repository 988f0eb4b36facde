package im.org;

import static im.org.Codes.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import im.api.ErrorCode;
import im.api.org.AuthorizationService;
import im.api.org.Caller;
import im.api.org.UserPatch;
import im.org.authz.AuthorizationEndpoint;
import im.org.authz.CacheInvalidation;
import im.org.authz.OrgCache;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two im-org-service instances' caches over one database: a change made through one instance
 * reaches the other's authorization answers through the Redis invalidation topic, long before the
 * cache's time-to-live (an hour here).
 */
@ExtendWith(StackExtension.class)
class CacheInvalidationIT {

    @Test
    void otherInstance_shouldStopGranting_afterAChangeMadeHere(Stack stack) throws Exception {
        try (OrgFixture here = new OrgFixture(stack)) {
            OrgCache otherCache = new OrgCache(here.tx, Duration.ofHours(1), 10_000, 100_000);
            CacheInvalidation otherInvalidation = new CacheInvalidation(otherCache, stack.redisson());
            AuthorizationEndpoint other = new AuthorizationEndpoint(otherCache);
            try {
                Caller admin = here.newTenant("cache");
                long sales = here.departments.create(admin, 0, "Sales");
                long vault = here.departments.create(admin, 0, "Vault");
                Caller ann = here.user(admin, "ann", sales);
                Caller ben = here.user(admin, "ben", vault);
                Caller cid = here.user(admin, "cid", sales);
                long group = here.groups.create(ann, "g", List.of(cid.userId()));
                // the other instance caches everything as it is now
                assertThat(send(other, ann, AuthorizationService.CONV_SINGLE, ben.userId())).isEqualTo(ErrorCode.OK);
                assertThat(send(other, cid, AuthorizationService.CONV_GROUP, group)).isEqualTo(ErrorCode.OK);
                assertThat(send(other, cid, AuthorizationService.CONV_SINGLE, ann.userId())).isEqualTo(ErrorCode.OK);

                here.visibility.setVisibility(admin, vault, List.of());
                here.groups.setMuted(ann, group, cid.userId(), true);
                here.users.update(admin, ann.userId(), new UserPatch(null, null, true));

                assertThat(await(() -> send(other, ann, AuthorizationService.CONV_SINGLE, ben.userId()),
                        ErrorCode.UNAUTHENTICATED)).isEqualTo(ErrorCode.UNAUTHENTICATED);
                assertThat(await(() -> send(other, cid, AuthorizationService.CONV_SINGLE, ben.userId()),
                        ErrorCode.FORBIDDEN)).isEqualTo(ErrorCode.FORBIDDEN);
                assertThat(await(() -> send(other, cid, AuthorizationService.CONV_GROUP, group), ErrorCode.MUTED))
                        .isEqualTo(ErrorCode.MUTED);
            } finally {
                otherInvalidation.close();
            }
        }
    }

    private static ErrorCode send(AuthorizationEndpoint authz, Caller from, int convType, long to) throws Exception {
        return codeOf(() -> authz.authorizeSend(from.tenantId(), from.userId(), convType, to));
    }

    @FunctionalInterface
    private interface Check {
        ErrorCode get() throws Exception;
    }

    /** Pub/sub is asynchronous: polls until the answer is {@code expected} or 10 s passed; returns the last. */
    private static ErrorCode await(Check check, ErrorCode expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        ErrorCode last = check.get();
        while (last != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            last = check.get();
        }
        return last;
    }
}
