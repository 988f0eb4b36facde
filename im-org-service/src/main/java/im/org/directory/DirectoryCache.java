package im.org.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import im.api.ImException;
import im.org.authz.OrgCache;
import im.org.store.Transactions;
import java.time.Duration;

/**
 * The {@link TenantDirectory} of each tenant in use, loaded on first use (three queries in one read
 * transaction) and dropped when {@link OrgCache#invalidateDirectory} names its tenant or after
 * {@code ttl}. An invalidation that arrives while a load of the same tenant runs waits for it and then
 * drops its result (Caffeine serializes both on the key), so a change is never lost to a load that
 * started before it. Thread-safe.
 */
public final class DirectoryCache {
    private final Transactions tx;
    private final Cache<Long, TenantDirectory> tenants;

    /** @param maxTenants tenant snapshots held at most (about 300 bytes per employee each) */
    public DirectoryCache(Transactions tx, OrgCache orgCache, Duration ttl, int maxTenants) {
        this.tx = tx;
        this.tenants = Caffeine.newBuilder().maximumSize(maxTenants).expireAfterWrite(ttl).build();
        orgCache.addTenantListener(tenants::invalidate);
    }

    TenantDirectory of(long tenantId) throws ImException {
        try {
            return tenants.get(tenantId, id -> {
                try {
                    return load(id);
                } catch (ImException e) {
                    throw new LoadFailure(e);
                }
            });
        } catch (LoadFailure e) {
            throw e.cause;
        }
    }

    private TenantDirectory load(long tenantId) throws ImException {
        return tx.read("load directory", s -> {
            DirectoryMapper m = s.getMapper(DirectoryMapper.class);
            return new TenantDirectory(tenantId, m.departments(tenantId), m.users(tenantId), m.memberships(tenantId));
        });
    }

    /** Carries a loader's ImException through Caffeine's unchecked-only loading function. */
    private static final class LoadFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ImException cause;

        LoadFailure(ImException cause) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
        }
    }
}
