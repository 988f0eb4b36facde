package im.receipt.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.AuthorizationService;
import im.api.org.SendGrant;
import im.receipt.store.ReadBitmap;
import im.receipt.store.ReceiptRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.dubbo.rpc.RpcException;
import org.junit.jupiter.api.Test;

/** The admin check's use of the send check, against an organisation written out in the test. */
class OrgTenantAdminsTest {
    private static final long TENANT = 5;
    private static final long SENDER = 10;
    private final List<Long> probed = new ArrayList<>();

    /** Admin 1; user 10 is disabled (a refused peer); user 99 is unknown. */
    private AuthorizationService org(Set<Long> disabledPeers) {
        return (tenantId, senderId, convType, targetId) -> {
            probed.add(targetId);
            if (senderId == 99) {
                throw ImException.stackless(ErrorCode.UNAUTHENTICATED, "unknown sender");
            }
            if (disabledPeers.contains(targetId)) {
                throw ImException.stackless(ErrorCode.FORBIDDEN, "peer disabled");
            }
            return new SendGrant(tenantId, senderId, convType, targetId, 0, senderId == 1);
        };
    }

    private static ReceiptRecord message(long... recipients) {
        return new ReceiptRecord(1, TENANT, 2, 3, SENDER, 0, recipients, ReadBitmap.empty(recipients.length));
    }

    @Test
    void isTenantAdmin_shouldAskWithTheSenderAsPeer_first() throws Exception {
        OrgTenantAdmins admins = new OrgTenantAdmins(() -> org(Set.of()));

        assertThat(admins.isTenantAdmin(TENANT, 1, message(20, 21))).isTrue();
        assertThat(admins.isTenantAdmin(TENANT, 20, message(20, 21))).isFalse();
        assertThat(probed).containsExactly(SENDER, SENDER);
    }

    @Test
    void isTenantAdmin_shouldTryRecipients_whenTheSenderIsRefusedAsPeer() throws Exception {
        OrgTenantAdmins admins = new OrgTenantAdmins(() -> org(Set.of(SENDER, 20L)));

        assertThat(admins.isTenantAdmin(TENANT, 1, message(1, 20, 21))).isTrue();
        assertThat(probed).containsExactly(SENDER, 20L, 21L); // never the caller itself
    }

    @Test
    void isTenantAdmin_shouldSayNo_forAnUnknownCallerOrWhenEveryProbeIsRefused() throws Exception {
        assertThat(new OrgTenantAdmins(() -> org(Set.of())).isTenantAdmin(TENANT, 99, message(20))).isFalse();
        assertThat(new OrgTenantAdmins(() -> org(Set.of(SENDER, 20L, 21L, 22L, 23L)))
                .isTenantAdmin(TENANT, 1, message(20, 21, 22, 23))).isFalse();
        assertThat(probed).hasSize(1 + OrgTenantAdmins.PROBES);
    }

    @Test
    void isTenantAdmin_shouldBeBusy_whenTheOrgServiceIsUnreachable() {
        OrgTenantAdmins admins = new OrgTenantAdmins(() -> (t, s, c, p) -> {
            throw new RpcException("no provider");
        });

        assertThatThrownBy(() -> admins.isTenantAdmin(TENANT, 1, message(20)))
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BUSY));
    }
}
