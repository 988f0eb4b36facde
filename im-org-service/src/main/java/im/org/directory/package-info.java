/**
 * The employee directory as plain users read it ({@link im.api.org.DirectoryService}): one immutable
 * in-memory snapshot per tenant ({@link im.org.directory.TenantDirectory}: departments, employees, a
 * sorted prefix index over names and accounts), loaded in three queries on first use and dropped
 * whenever the tenant's users or departments change ({@link im.org.authz.OrgCache#invalidateDirectory},
 * on every instance through {@link im.org.authz.CacheInvalidation}). Visibility is decided per answer
 * with {@link im.org.authz.VisibilityRules} over the same {@link im.org.authz.OrgCache} cards and rules
 * the send check reads, so what a user may find is exactly whom it may message.
 */
package im.org.directory;
