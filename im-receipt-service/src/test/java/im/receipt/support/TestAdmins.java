package im.receipt.support;

import im.receipt.query.TenantAdmins;
import im.receipt.store.ReceiptRecord;
import java.util.Set;

/**
 * Tenant admins standing in for im-org-service (a service, not infrastructure): the given users of
 * the given tenant are admins, nobody else.
 */
public record TestAdmins(long tenantId, Set<Long> admins) implements TenantAdmins {
    @Override
    public boolean isTenantAdmin(long tenant, long userId, ReceiptRecord message) {
        return tenant == tenantId && admins.contains(userId);
    }
}
