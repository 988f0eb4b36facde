package im.access.session;

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
 * device's several sends in flight to one conversation keep their order. Other calls hash on the
 * caller's user id. The node is chosen by rendezvous hashing over the providers' addresses: the same
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

    /** The conversation of a send (one key for both directions of a 1:1 chat), else the caller. */
    static long key(Object[] args) {
        if (args == null || args.length == 0 || !(args[0] instanceof SessionCaller caller)) {
            return 0;
        }
        if (args.length > 1 && args[1] instanceof SendRequest send) {
            if (send.convType() == 1) {
                long low = Math.min(caller.userId(), send.toId());
                long high = Math.max(caller.userId(), send.toId());
                return mix(low) * 31 + high;
            }
            return mix(send.toId()) + send.convType();
        }
        return caller.userId();
    }

    /** SplitMix64's finaliser: neighbouring ids spread over the whole range. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
