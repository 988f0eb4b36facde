package im.api.org;

import java.io.Serializable;

/**
 * The answer to {@link TenantService#createTenant}.
 *
 * @param tenantId    the new tenant
 * @param adminUserId its first tenant admin
 */
public record TenantCreated(long tenantId, long adminUserId) implements Serializable {
}
