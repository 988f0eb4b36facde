/**
 * Authorization of every send ({@link im.org.authz.AuthorizationEndpoint}) and visibility
 * ({@link im.org.authz.VisibilityRules}), answered from {@link im.org.authz.OrgCache}: users,
 * tenant rules and groups held in memory and dropped on every change, here at once and on the other
 * im-org-service instances through a Redis topic ({@link im.org.authz.CacheInvalidation}). A
 * time-to-live bounds staleness should an invalidation message be lost while Redis reconnects.
 */
package im.org.authz;
