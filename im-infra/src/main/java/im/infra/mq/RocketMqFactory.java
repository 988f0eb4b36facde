package im.infra.mq;

import java.util.concurrent.ExecutorService;
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
 */
public final class RocketMqFactory {
    private final String namesrv;
    private final String instanceName;

    /** @param instanceName distinguishes this process's clients, e.g. {@code im-logic-0} */
    public RocketMqFactory(String namesrv, String instanceName) {
        this.namesrv = namesrv;
        this.instanceName = instanceName;
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
        p.setInstanceName(instanceName);
        p.setSendMsgTimeout(3000);
        p.setVipChannelEnabled(false);
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
        c.setInstanceName(instanceName);
        c.setVipChannelEnabled(false);
        c.subscribe(topic, "*");
        return c;
    }
}
