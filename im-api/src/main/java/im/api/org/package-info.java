/**
 * The organisation contract of im-org-service: tenants, the department tree, employees,
 * visibility rules, groups, login and tokens, and {@link im.api.org.AuthorizationService}, the
 * check im-logic makes on every send.
 *
 * <p>Admin and user calls take the {@link im.api.org.Caller} that the edge (the HTTP API in
 * im-access) authenticated from a bearer token; the provider decides roles and scope itself from
 * its own data, so a caller cannot claim a role. Every method declares {@code throws ImException}
 * so Dubbo passes the {@link im.api.ErrorCode} through unchanged.
 */
package im.api.org;
