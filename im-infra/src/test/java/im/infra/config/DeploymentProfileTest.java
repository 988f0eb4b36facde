package im.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A deployment outside development never runs with the secrets published in deploy/config/. */
class DeploymentProfileTest {
    private static final Path CONFIG = repoRoot().resolve("deploy/config");

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy/config"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no deploy/config above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static ImConfig checkedIn(Map<String, String> env) {
        return ImConfig.load(CONFIG.resolve("im-org-service.properties"), env);
    }

    @Test
    void checkedInConfig_shouldBeTheDevelopmentProfile_andStart() {
        ImConfig c = checkedIn(Map.of());

        assertThat(DeploymentProfile.of(c)).isEqualTo(DeploymentProfile.DEVELOPMENT);
        assertThatCode(() -> DeploymentProfile.check(c)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth.token.secret", "internal.token.secret", "platform.admin.password"})
    void production_shouldRefuseToStart_namingTheKey_whileASecretIsTheCheckedInOne(String key) {
        ImConfig c = checkedIn(Map.of("IM_PROFILE", "production"));
        for (String other : DeploymentProfile.DEVELOPMENT_SECRETS.keySet()) {
            if (!other.equals(key)) {
                c = c.with(other, "a-secret-of-this-deployment-" + other);
            }
        }
        ImConfig withOneLeft = c;

        assertThatThrownBy(() -> DeploymentProfile.check(withOneLeft)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'" + key + "'").hasMessageContaining("IM_" + ImConfig.envName(key));
    }

    @Test
    void production_shouldStart_whenEverySecretIsItsOwn() {
        ImConfig c = checkedIn(Map.of("IM_PROFILE", "production", "IM_AUTH_TOKEN_SECRET", "own-1",
                "IM_INTERNAL_TOKEN_SECRET", "own-2", "IM_PLATFORM_ADMIN_PASSWORD", "own-3"));

        assertThatCode(() -> DeploymentProfile.check(c)).doesNotThrowAnyException();
    }

    @Test
    void profile_shouldDefaultToProduction_whenTheKeyIsAbsent() {
        assertThat(DeploymentProfile.of(ImConfig.of(Map.of(), Map.of()))).isEqualTo(DeploymentProfile.PRODUCTION);
    }

    @Test
    void profile_shouldBeRefused_namingTheKey_whenUnknown() {
        assertThatThrownBy(() -> DeploymentProfile.of(ImConfig.of(Map.of("profile", "dev"), Map.of())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'profile'");
    }

    @Test
    void fingerprints_shouldMatchEverySecretCheckedIn() {
        ImConfig c = checkedIn(Map.of());
        DeploymentProfile.DEVELOPMENT_SECRETS.forEach((key, sha) ->
                assertThat(DeploymentProfile.sha256(c.string(key))).as(key).isEqualTo(sha));
    }
}
