package im.access.session;

import im.api.message.SendBatch;
import im.api.message.SendRequest;
import im.api.message.SessionCaller;
import java.util.List;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.cluster.loadbalance.AbstractLoadBalance;

/**
 * Sends reach the im-logic node of their conversation: every sender of a conversation, through every
 * access node, lands on one lane of one node, so the nodes do not take turns on the conversation's
 * lock (which costs a wait of {@code lane.lock-retry.ms} and, under load, a BUSY answer) and a
 * device's several sends in flight to one conversation keep their order. A conversation maps to one of
 * {@link SendBatch#ROUTES} routes and the node is chosen per route, so the sends of many conversations
 * travel to their node together in one {@link SendBatch}. Other calls hash on the caller's user id. The node is chosen by rendezvous hashing over the providers' addresses: the same
 * on every access node, and a provider joining or leaving moves only the conversations it gains or
 * loses. Dubbo name {@value #NAME} ({@code META-INF/dubbo/org.apache.dubbo.rpc.cluster.LoadBalance}).
 */
public final class ConversationLoadBalance extends AbstractLoadBalance {
    public static final String NAME = "conversation";

    @Override
    protected <T> Invoker<T> doSelect(List<Invoker<T>> invokers, URL url, Invocation invocation) {
        long key = key(invocation.getArguments());
        Invoker<T> best = invokers.get(0);
        long bestScore = Long.MIN_VALUE;
        for (Invoker<T> invoker : invokers) {
            long score = mix(key ^ mix(invoker.getUrl().getAddress().hashCode()));
            if (score > bestScore) {
                best = invoker;
                bestScore = score;
            }
        }
        return best;
    }

    /**
     * The route of a send or a send batch ({@link SendBatch#routeOf}: one key for both directions of a
     * 1:1 chat, and a batch carries the route all its items share), else the caller.
     */
    static long key(Object[] args) {
        if (args == null || args.length == 0) {
            return 0;
        }
        if (args[0] instanceof SendBatch batch) {
            return batch.route();
        }
        if (!(args[0] instanceof SessionCaller caller)) {
            return 0;
        }
        if (args.length > 1 && args[1] instanceof SendRequest send) {
            return SendBatch.routeOf(caller.userId(), send.convType(), send.toId());
        }
        return caller.userId();
    }

    private static long mix(long z) {
        return SendBatch.mix(z);
    }
}
