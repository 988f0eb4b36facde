/**
 * Login, logout and token checks: bcrypt password hashes ({@link im.org.auth.PasswordHasher}),
 * a Redis lockout after repeated failures ({@link im.org.auth.LoginLockout}), the platform admin
 * from configuration, and HMAC tokens with Redis revocation from {@code im.infra.auth}.
 */
package im.org.auth;
