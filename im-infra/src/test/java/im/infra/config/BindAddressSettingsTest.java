package im.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The internal listeners' addresses: IP literals from their own keys, refused with the key's name otherwise. */
class BindAddressSettingsTest {

    private static CommonSettings settings(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of("service.name", "im-logic", "dubbo.port", "1", "admin.port", "2"));
        m.putAll(extra);
        return CommonSettings.from(ImConfig.of(m, Map.of()));
    }

    @Test
    void internalHost_shouldDefaultToLoopback_andBeAdvertisedAsItIs() {
        CommonSettings s = settings(Map.of());

        assertThat(s.internalHost()).isEqualTo("127.0.0.1");
        assertThat(s.dubboAddress()).isEqualTo("127.0.0.1:1");
    }

    @Test
    void advertiseHost_shouldBeItsOwnKey_whenTheInternalListenersBindEveryInterface() {
        CommonSettings s = settings(Map.of("bind.internal.host", "0.0.0.0", "dubbo.advertise.host", "10.1.2.3"));

        assertThat(s.internalHost()).isEqualTo("0.0.0.0");
        assertThat(s.dubboAddress()).isEqualTo("10.1.2.3:1");
    }

    @Test
    void settings_shouldBeRefused_whenTheWildcardWouldBeAdvertised() {
        assertThatThrownBy(() -> settings(Map.of("bind.internal.host", "0.0.0.0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'dubbo.advertise.host'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "256.0.0.1", "127.0.0", "1.2.3.4 ", "::g", "", "0.0.0.0/0"})
    void internalHost_shouldBeRefused_namingTheKey_whenNotAnIpLiteral(String bad) {
        assertThatThrownBy(() -> settings(Map.of("bind.internal.host", bad.isEmpty() ? " " : bad)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'bind.internal.host'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.5", "::1", "fd00::5"})
    void internalHost_shouldAcceptIpLiterals(String good) {
        assertThat(settings(Map.of("bind.internal.host", good)).internalHost()).isEqualTo(good);
    }

    @Test
    void retiredBindHost_shouldBeRefused_namingTheKeysThatReplaceIt() {
        assertThatThrownBy(() -> settings(Map.of("bind.host", "127.0.0.1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'bind.host'")
                .hasMessageContaining("bind.client.host").hasMessageContaining("bind.internal.host");
    }
}
