package im.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.api.ping.PingService;
import im.api.ping.Pong;
import im.infra.config.CommonSettings;
import im.infra.dubbo.DubboNode;
import im.infra.dubbo.ServiceTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.dubbo.rpc.RpcException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service tier's trust boundary as Dubbo enforces it (docs/security.md): a provider listens on the
 * configured internal address only, registers that address, and refuses every call without its token.
 * One provider node built the way {@code ServiceHost} builds it, and callers with and without the
 * token, all in this JVM on the real ZooKeeper under a registry group of this run.
 */
@ExtendWith(StackExtension.class)
class InternalDubboIT {
    private static final String GROUP = "internal-dubbo-it";

    private final String registryGroup = "internal-dubbo-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<DubboNode> nodes = new ArrayList<>();
    private int port;

    @BeforeEach
    void startProvider(Stack stack) throws Exception {
        port = FreePorts.take();
        CommonSettings settings = new CommonSettings("internal-dubbo-it", "internal-dubbo-it-provider", "127.0.0.1",
                port, 1, stack.zkAddress(), stack.namespace(), registryGroup, 5000);
        DubboNode provider = new DubboNode(settings, ServiceTokens.from(stack.config()));
        provider.export(PingService.class, caller -> new Pong("internal-dubbo-it", caller, 1, 0, List.of()), GROUP);
        nodes.add(provider.start());
    }

    @AfterEach
    void stop() {
        nodes.forEach(DubboNode::close);
    }

    @Test
    void provider_shouldListenOnTheConfiguredAddressOnly_notTheWildcard() throws Exception {
        assertThat(listeners(port)).containsExactly("127.0.0.1");
    }

    @Test
    void call_shouldSucceed_whenTheCallerFoundTheProviderInTheRegistry(Stack stack) throws Exception {
        DubboNode client = client(stack, null);
        DubboNode.Reference<PingService> ping = client.reference(PingService.class, GROUP);
        client.start();
        awaitProvider(ping);

        assertThat(ping.get().ping("via-registry").instanceId()).isEqualTo("via-registry");
    }

    @Test
    void call_shouldBeRefused_whenACallerWithoutTheTokenConnectsDirectly(Stack stack) throws Exception {
        PingService raw = client(stack, null).start().directReference(PingService.class, GROUP, "127.0.0.1:" + port);

        assertThatThrownBy(() -> raw.ping("intruder")).isInstanceOf(RpcException.class)
                .hasMessageContaining("Invalid token");
    }

    @Test
    void call_shouldBeRefused_whenTheTokenComesFromAnotherDeploymentsSecret(Stack stack) throws Exception {
        ServiceTokens other = ServiceTokens.from(stack.config().with(ServiceTokens.KEY,
                "b3RoZXItZGVwbG95bWVudC1zZWNyZXQtMzItYnl0ZXMtbG9uZw=="));
        PingService forged = client(stack, other).start().directReference(PingService.class, GROUP,
                "127.0.0.1:" + port);

        assertThatThrownBy(() -> forged.ping("forged")).isInstanceOf(RpcException.class)
                .hasMessageContaining("Invalid token");
    }

    @Test
    void call_shouldSucceed_whenADirectCallerHasTheDeploymentsToken(Stack stack) throws Exception {
        PingService direct = client(stack, ServiceTokens.from(stack.config())).start()
                .directReference(PingService.class, GROUP, "127.0.0.1:" + port);

        assertThat(direct.ping("direct").instanceId()).isEqualTo("direct");
    }

    private DubboNode client(Stack stack, ServiceTokens tokens) throws IOException {
        CommonSettings settings = new CommonSettings("internal-dubbo-it-client", "internal-dubbo-it-client",
                "127.0.0.1", FreePorts.take(), 1, stack.zkAddress(), stack.namespace(), registryGroup, 5000);
        DubboNode node = new DubboNode(settings, tokens);
        nodes.add(node);
        return node;
    }

    private static void awaitProvider(DubboNode.Reference<?> reference) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!reference.available() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(reference.available()).as("provider seen in the registry").isTrue();
    }

    /**
     * The local addresses listening on {@code port}, from the kernel's socket tables (Linux): a wildcard
     * listener shows as {@code 0.0.0.0} or {@code ::}.
     */
    private static List<String> listeners(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        List<String> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[3].equals("0A") && f[1].endsWith(hexPort)) {
                    out.add(address(f[1].substring(0, f[1].indexOf(':'))));
                }
            }
        }
        return out;
    }

    /** A /proc/net address: IPv4 as one little-endian hex word, IPv6 as four of them. */
    private static String address(String hex) {
        if (hex.length() == 8) {
            long v = Long.parseLong(hex, 16);
            return (v & 0xff) + "." + (v >> 8 & 0xff) + "." + (v >> 16 & 0xff) + "." + (v >> 24 & 0xff);
        }
        if (hex.equals("00000000000000000000000000000000")) {
            return "::";
        }
        if (hex.startsWith("0000000000000000FFFF0000")) {
            return address(hex.substring(24)); // an IPv4-mapped address
        }
        return hex;
    }
}
