package im.org.auth;

/**
 * The platform admin of this deployment (config {@code platform.admin.account} and
 * {@code platform.admin.password}); only its bcrypt hash is kept after start-up.
 */
public record PlatformAdmin(String account, String passwordHash) {
}
