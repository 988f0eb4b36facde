package im.infra.mq;

import im.infra.config.ImConfig;
import im.infra.config.Namespace;
import java.util.concurrent.ExecutorService;
import org.apache.rocketmq.client.ClientConfig;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;

/**
 * Builds started RocketMQ producers and consumers (the classic remoting client, 5.2.0). Every client
 * gets an explicit instance name so that several in one JVM, or several JVMs on one machine, do not
 * share a client instance by accident.
 *
 * <p>Every client carries the deployment's namespace as the RocketMQ client namespace
 * ({@link ClientConfig#setNamespace}): the client wraps topics and groups as {@code <namespace>%<name>} on the
 * broker and unwraps them in what it hands back ({@code MessageExt.getTopic()} is the plain name),
 * so stacks sharing a broker never consume each other's messages and a new stack's consumer group
 * starts without anyone else's history. Callers name topics and groups without the namespace.
 */
public final class RocketMqFactory {
    private final String namesrv;
    private final Namespace namespace;
    private final String instanceName;

    /** @param instanceName distinguishes this process's clients, e.g. {@code im-logic-0} */
    public RocketMqFactory(String namesrv, Namespace namespace, String instanceName) {
        this.namesrv = namesrv;
        this.namespace = namespace;
        this.instanceName = instanceName;
    }

    /** Clients of {@code rocketmq.namesrv} (default 127.0.0.1:9876) in the namespace of {@code c}. */
    public static RocketMqFactory from(ImConfig c, String instanceName) {
        return new RocketMqFactory(c.string("rocketmq.namesrv", "127.0.0.1:9876"), Namespace.from(c), instanceName);
    }

    public Namespace namespace() {
        return namespace;
    }

    public DefaultMQProducer producer(String group) throws MQClientException {
        DefaultMQProducer p = new DefaultMQProducer(group);
        configure(p);
        p.start();
        return p;
    }

    /**
     * A transactional producer whose check-backs run on {@code checkExecutor} (bounded, owned by
     * the caller). The listener must decide a check-back from durable state only.
     */
    public TransactionMQProducer transactionalProducer(String group, TransactionListener listener,
                                                       ExecutorService checkExecutor) throws MQClientException {
        TransactionMQProducer p = new TransactionMQProducer(group);
        configure(p);
        p.setTransactionListener(listener);
        p.setExecutorService(checkExecutor);
        p.start();
        return p;
    }

    private void configure(DefaultMQProducer p) {
        p.setNamesrvAddr(namesrv);
        applyNamespace(p);
        p.setInstanceName(namespace.name() + "-" + instanceName);
        p.setSendMsgTimeout(3000);
        p.setVipChannelEnabled(false);
    }

    /**
     * Sets the client-side namespace. {@code setNamespaceV2}, which 5.x recommends instead, only names the
     * namespace in request headers for a 5.x proxy to apply; the classic broker we run ignores it, so two
     * namespaces would share topics and groups ({@code NamespaceIsolationIT} shows both). The deprecated
     * {@code setNamespace} wraps names in the client ({@code ns%topic}), which every broker honours.
     */
    @SuppressWarnings("deprecation")
    private void applyNamespace(ClientConfig client) {
        client.setNamespace(namespace.name());
    }

    /** A started concurrent push consumer of {@code topic} (all tags). */
    public DefaultMQPushConsumer consumer(String group, String topic, MessageListenerConcurrently listener)
            throws MQClientException {
        DefaultMQPushConsumer c = newConsumer(group, topic);
        c.registerMessageListener(listener);
        c.start();
        return c;
    }

    /** A started orderly push consumer of {@code topic}: one queue's messages in order. */
    public DefaultMQPushConsumer orderlyConsumer(String group, String topic, MessageListenerOrderly listener)
            throws MQClientException {
        DefaultMQPushConsumer c = newConsumer(group, topic);
        c.registerMessageListener(listener);
        c.start();
        return c;
    }

    private DefaultMQPushConsumer newConsumer(String group, String topic) throws MQClientException {
        DefaultMQPushConsumer c = new DefaultMQPushConsumer(group);
        c.setNamesrvAddr(namesrv);
        applyNamespace(c);
        c.setInstanceName(namespace.name() + "-" + instanceName);
        c.setVipChannelEnabled(false);
        c.subscribe(topic, "*");
        return c;
    }
}
