package im.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NamespaceTest {
    @Test
    void config_shouldDefaultToDev_andReplaceThePlaceholderEverywhere() {
        ImConfig c = ImConfig.of(Map.of("db.msg.urls", "jdbc:mariadb://h:3306/im_${namespace}_msg_0,"
                + "jdbc:mariadb://h:3306/im_${namespace}_msg_1"), Map.of());

        assertThat(Namespace.from(c).name()).isEqualTo("dev");
        assertThat(c.list("db.msg.urls")).containsExactly("jdbc:mariadb://h:3306/im_dev_msg_0",
                "jdbc:mariadb://h:3306/im_dev_msg_1");
    }

    @Test
    void environment_shouldChooseTheNamespace_andWithShouldResolveAgain() {
        ImConfig c = ImConfig.of(Map.of("namespace", "dev", "archive.index.prefix", "im-${namespace}-msg-archive"),
                Map.of("IM_NAMESPACE", "s2"));

        assertThat(c.string("archive.index.prefix")).isEqualTo("im-s2-msg-archive");
        assertThat(c.with("namespace", "t1").string("archive.index.prefix")).isEqualTo("im-t1-msg-archive");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Dev", "1abc", "a_b", "a.b", "abcdefghijklmnopq", "dev ", "a/b", "a%b"})
    void config_shouldRefuseAnInvalidNamespace_namingTheKey(String bad) {
        assertThatThrownBy(() -> ImConfig.of(Map.of("namespace", bad), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'namespace'")
                .hasMessageContaining("IM_NAMESPACE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "s2", "t0a9z8", "staging-eu", "abcdefghijklmnop"})
    void namespace_shouldAcceptNamesValidInEveryServer(String good) {
        Namespace ns = new Namespace(good);
        assertThat(ns.zkRoot()).isEqualTo("im/" + good);
        assertThat(ns.redisPrefix()).isEqualTo(good + ":");
    }

    @Test
    void registryRoot_shouldLiveUnderTheNamespace() {
        ImConfig c = ImConfig.of(Map.of("service.name", "im-logic", "dubbo.port", "1", "admin.port", "2"),
                Map.of("IM_NAMESPACE", "s2"));

        CommonSettings s = CommonSettings.from(c);

        assertThat(s.namespace().name()).isEqualTo("s2");
        assertThat(s.registryRoot()).isEqualTo("im/s2/dubbo");
        assertThat(CommonSettings.from(c.with("dubbo.registry.group", "it-1")).registryRoot()).isEqualTo("im/s2/it-1");
    }

    @Test
    void registryGroup_shouldBeRefused_whenItWouldLeaveTheNamespace() {
        ImConfig c = ImConfig.of(Map.of("service.name", "im-logic", "dubbo.port", "1", "admin.port", "2",
                "dubbo.registry.group", "../other"), Map.of());

        assertThatThrownBy(() -> CommonSettings.from(c)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("dubbo.registry.group");
    }
}
