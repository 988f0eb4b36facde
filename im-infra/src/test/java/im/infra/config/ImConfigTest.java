package im.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImConfigTest {
    @TempDir
    Path dir;

    @Test
    void load_shouldLetServiceFileOverrideShared_andEnvironmentOverrideBoth() throws IOException {
        Files.writeString(dir.resolve("shared.properties"), "zk.address=shared:2181\ndb.msg.urls=a\nredis.address=r\n");
        Path service = dir.resolve("im-logic.properties");
        Files.writeString(service, "service.name=im-logic\nzk.address=service:2181\ndubbo.port=20890\n");

        ImConfig c = ImConfig.load(service, Map.of("IM_DB_MSG_URLS", "env-url", "IM_DUBBO_PORT", "20999",
                "PATH", "/usr/bin"));

        assertThat(c.string("zk.address")).isEqualTo("service:2181");
        assertThat(c.string("redis.address")).isEqualTo("r");
        assertThat(c.string("db.msg.urls")).isEqualTo("env-url");
        assertThat(c.intValue("dubbo.port", 1, 65535)).isEqualTo(20999);
    }

    @Test
    void environment_shouldAddKeysTheFilesDoNotMention() {
        ImConfig c = ImConfig.of(Map.of(), Map.of("IM_DUBBO_REGISTRY_GROUP", "it"));
        assertThat(c.string("dubbo.registry.group")).isEqualTo("it");
    }

    @Test
    void getters_shouldNameTheKey_whenValueIsMissingOrInvalid() {
        ImConfig c = ImConfig.of(Map.of("dubbo.port", "abc", "admin.port", "70000"), Map.of());

        assertThatThrownBy(() -> c.string("service.name"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'service.name'")
                .hasMessageContaining("IM_SERVICE_NAME");
        assertThatThrownBy(() -> c.intValue("dubbo.port", 1, 65535))
                .hasMessageContaining("'dubbo.port' must be an integer, was 'abc'");
        assertThatThrownBy(() -> c.intValue("admin.port", 1, 65535))
                .hasMessageContaining("'admin.port' must be in [1, 65535], was 70000");
    }

    @Test
    void load_shouldFail_whenFileIsMissing() {
        assertThatThrownBy(() -> ImConfig.load(dir.resolve("nope.properties"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not found");
    }

    @Test
    void list_shouldTrimAndDropBlanks() {
        ImConfig c = ImConfig.of(Map.of("es.hosts", " http://a:9200 , ,http://b:9200"), Map.of());
        assertThat(c.list("es.hosts")).containsExactly("http://a:9200", "http://b:9200");
        assertThat(c.list("absent")).isEmpty();
    }
}
