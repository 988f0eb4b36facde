/**
 * Bearer tokens: HMAC-signed {@link im.infra.auth.AccessToken}s verified locally on every tier,
 * with server-side revocation in Redis.
 */
package im.infra.auth;
