package im.infra.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Which kind of deployment a process belongs to (key {@value #KEY}): {@code development} (what
 * {@code deploy/imctl} runs: the checked-in configuration of {@code deploy/config/} with its published
 * secrets) or {@code production}, the default when the key is absent, so a deployment with its own
 * configuration files is never mistaken for a development stack.
 *
 * <p>Outside development a process refuses to start while a secret still holds the value checked in
 * under {@code deploy/config/}: anyone with the repository could mint user tokens
 * ({@code auth.token.secret}), call the service tier ({@code internal.token.secret}) or log in as the
 * platform admin ({@code platform.admin.password}). The checked-in values are known here by their SHA-256
 * only (a unit test keeps the list in step with the files).
 */
public final class DeploymentProfile {
    public static final String KEY = "profile";
    public static final String DEVELOPMENT = "development";
    public static final String PRODUCTION = "production";

    /** Secret key -> SHA-256 (hex) of its development value in deploy/config/. */
    static final Map<String, String> DEVELOPMENT_SECRETS = Map.of(
            "auth.token.secret", "c22222a1456e0ec166903bcf407aeb2eff177719cccae3692fb066f1e66925e0",
            "internal.token.secret", "4f49d7b1e1f6b5dab2fc97b3093b32d4b05bce5cd2db210028ad7bf026296efa",
            "platform.admin.password", "c76c0e1123f173421ae4c161ac6e07bc07fe92a5259013a6773f6e07e190ff90");

    private DeploymentProfile() {
    }

    /** The profile's name, validated. */
    public static String of(ImConfig config) {
        String profile = config.string(KEY, PRODUCTION);
        if (!profile.equals(DEVELOPMENT) && !profile.equals(PRODUCTION)) {
            throw new ConfigException("key '" + KEY + "' must be '" + DEVELOPMENT + "' or '" + PRODUCTION + "', was '"
                    + profile + "'");
        }
        return profile;
    }

    /**
     * Refuses a non-development configuration that holds a development secret, naming the key and the
     * environment variable that replaces it.
     *
     * @throws ConfigException naming the first such key
     */
    public static void check(ImConfig config) {
        String profile = of(config);
        if (profile.equals(DEVELOPMENT)) {
            return;
        }
        for (Map.Entry<String, String> secret : DEVELOPMENT_SECRETS.entrySet()) {
            String key = secret.getKey();
            if (config.has(key) && sha256(config.string(key)).equals(secret.getValue())) {
                throw new ConfigException("key '" + key + "' holds the development value checked in under deploy/config/,"
                        + " refused with profile '" + profile + "': set this deployment's own secret (env IM_"
                        + ImConfig.envName(key) + ")");
            }
        }
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
