package im.api.org;

import java.io.Serializable;

/**
 * Who makes an organisation call: the identity a verified bearer token names. The provider looks
 * up the caller's roles itself; a Caller grants nothing by itself.
 *
 * @param tenantId the caller's tenant ({@link #PLATFORM_TENANT_ID} for the platform admin)
 * @param userId   the caller ({@link #PLATFORM_ADMIN_USER_ID} for the platform admin)
 */
public record Caller(long tenantId, long userId) implements Serializable {
    /** The pseudo-tenant of the platform admin; no real tenant has id 0. */
    public static final long PLATFORM_TENANT_ID = 0L;
    /** The platform admin's user id; no real user has id 0. */
    public static final long PLATFORM_ADMIN_USER_ID = 0L;
    /** The tenant code the platform admin logs in with. */
    public static final String PLATFORM_TENANT_CODE = "platform";

    /** True for the platform admin configured at deploy time. */
    public boolean isPlatformAdmin() {
        return tenantId == PLATFORM_TENANT_ID && userId == PLATFORM_ADMIN_USER_ID;
    }
}
