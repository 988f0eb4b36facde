package im.access.session;

import static org.assertj.core.api.Assertions.assertThat;

import im.api.message.SendBatch;
import im.api.message.SendRequest;
import im.api.message.SessionCaller;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.Result;
import org.apache.dubbo.rpc.RpcInvocation;
import org.junit.jupiter.api.Test;

class ConversationLoadBalanceTest {
    private final ConversationLoadBalance balance = new ConversationLoadBalance();
    private final List<Invoker<Object>> nodes = List.of(node(20890), node(20891), node(20892));

    @Test
    void bothSidesOfAChat_shouldReachOneNode_whateverOrderTheProvidersAreListedIn() {
        for (long peer = 1; peer <= 200; peer++) {
            Invoker<Object> forward = pick(nodes, send(1000, 1, peer));
            List<Invoker<Object>> reversed = new ArrayList<>(nodes);
            Collections.reverse(reversed);
            assertThat(pick(reversed, send(peer, 1, 1000))).isSameAs(forward);
        }
    }

    @Test
    void groupSends_shouldReachOneNode_whoeverSendsThem() {
        Invoker<Object> first = pick(nodes, send(1, 2, 77));
        for (long sender = 2; sender <= 100; sender++) {
            assertThat(pick(nodes, send(sender, 2, 77))).isSameAs(first);
        }
    }

    @Test
    void conversations_shouldSpreadOverEveryNode_andStayPut_whenAnotherNodeLeaves() {
        Set<String> used = new HashSet<>();
        for (int group = 1; group <= 300; group++) {
            Invoker<Object> chosen = pick(nodes, send(1, 2, group));
            used.add(chosen.getUrl().getAddress());
            Invoker<Object> leaving = nodes.get(group % 3);
            if (leaving != chosen) {
                List<Invoker<Object>> fewer = new ArrayList<>(nodes);
                fewer.remove(leaving);
                assertThat(pick(fewer, send(1, 2, group))).isSameAs(chosen);
            }
        }
        assertThat(used).hasSize(3);
    }

    @Test
    void aBatch_shouldReachTheNodeOfTheSendsItCarries() {
        for (long peer = 1; peer <= 200; peer++) {
            int route = SendBatch.routeOf(1000, 1, peer);
            SendBatch batch = new SendBatch(route, new long[] {1}, new long[] {1000}, new String[] {"d"},
                    new int[] {1}, new long[] {0}, new byte[][] {new byte[0]});
            Invocation call = new RpcInvocation(null, "sendBatch", "im.api.message.MessageService", "",
                    new Class<?>[] {SendBatch.class}, new Object[] {batch});
            assertThat(pick(nodes, call)).isSameAs(pick(nodes, send(peer, 1, 1000)));
        }
    }

    private Invoker<Object> pick(List<Invoker<Object>> invokers, Invocation invocation) {
        return balance.select(invokers, invokers.get(0).getUrl(), invocation);
    }

    private static Invocation send(long from, int convType, long to) {
        SessionCaller caller = new SessionCaller(1, from, "dev-" + from, 1, 0);
        SendRequest request = new SendRequest("c-" + from + "-" + to, convType, to, 1, "hi", new byte[0], false,
                List.of());
        return new RpcInvocation(null, "send", "im.api.message.MessageService", "",
                new Class<?>[] {SessionCaller.class, SendRequest.class}, new Object[] {caller, request});
    }

    private static Invoker<Object> node(int port) {
        URL url = URL.valueOf("dubbo://127.0.0.1:" + port + "/im.api.message.MessageService");
        return new Invoker<>() {
            @Override
            public Class<Object> getInterface() {
                return Object.class;
            }

            @Override
            public Result invoke(Invocation invocation) {
                throw new UnsupportedOperationException("never called: the test only selects");
            }

            @Override
            public URL getUrl() {
                return url;
            }

            @Override
            public boolean isAvailable() {
                return true;
            }

            @Override
            public void destroy() {
            }
        };
    }
}
