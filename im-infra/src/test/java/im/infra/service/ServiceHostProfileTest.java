package im.infra.service;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.infra.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service outside development does not start on a checked-in secret: before it opens any port. */
class ServiceHostProfileTest {

    @Test
    void create_shouldRefuseToStart_namingTheKey_whenProductionRunsTheDevelopmentTokenSecret(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("im-logic.properties");
        Files.writeString(file, """
                service.name=im-logic
                profile=production
                dubbo.port=1
                admin.port=2
                auth.token.secret=mg20qT36IkKWBiJhNBbeKMda5SmGrItweUz8XsDdOgU9xUzxr2btnPHvLL6hGmih
                """);

        assertThatThrownBy(() -> ServiceHost.create("im-logic", new String[] {file.toString()}))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'auth.token.secret'")
                .hasMessageContaining("IM_AUTH_TOKEN_SECRET");
    }
}
