package im.api.org;

import im.api.ImException;

/** Tenants (enterprises): created by the platform admin, each with a unique code. */
public interface TenantService {

    /**
     * Creates a tenant and its first tenant admin.
     *
     * @param code          unique, 2..32 of {@code [a-z0-9-]}, not {@code platform}
     * @param name          1..64 characters
     * @param adminAccount  1..64 of {@code [A-Za-z0-9._@-]}
     * @param adminPassword 8..72 characters
     * @throws ImException {@code FORBIDDEN} unless the caller is the platform admin,
     *                     {@code BAD_REQUEST} for invalid input or a code already taken
     */
    TenantCreated createTenant(Caller caller, String code, String name, String adminAccount, String adminPassword)
            throws ImException;
}
