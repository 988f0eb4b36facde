package im.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Produce and consume through the real broker, and a transactional message whose fate is decided
 * by the broker's check-back from database state: the local transaction answers UNKNOW (as if the
 * producer crashed before answering), and only the message whose row exists is delivered.
 */
@ExtendWith(StackExtension.class)
class RocketMqIT {
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(120);

    @Test
    void plainAndTransactionalMessages_shouldBeDeliveredOnlyWhenCommitted(Stack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "IT_TX_" + run;
        DataSource db = stack.physical("redpacket", 0);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS it_local_tx (tx_key VARCHAR(64) PRIMARY KEY) ENGINE=InnoDB");
        }

        DefaultMQProducer plain = stack.rocketMq("it-" + run).producer("it-plain-" + run);
        Set<String> received = ConcurrentHashMap.newKeySet();
        Map<String, AtomicInteger> checkBacks = new ConcurrentHashMap<>();
        ExecutorService checkExecutor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(100), r -> new Thread(r, "it-tx-check"));
        TransactionMQProducer transactional = null;
        DefaultMQPushConsumer consumer = null;
        try {
            // The first send creates the topic, so the consumer finds its route when it starts.
            assertThat(plain.send(new Message(topic, "plain", "plain".getBytes(StandardCharsets.UTF_8)))
                    .getSendStatus()).isEqualTo(SendStatus.SEND_OK);

            consumer = stack.rocketMq("it-" + run).consumer("it-consumer-" + run, topic, (messages, ctx) -> {
                for (MessageExt m : messages) {
                    received.add(m.getKeys() == null ? new String(m.getBody(), StandardCharsets.UTF_8) : m.getKeys());
                }
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });

            TransactionListener listener = new TransactionListener() {
                @Override
                public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                    if (Boolean.TRUE.equals(arg)) {
                        insertRow(db, msg.getKeys());
                    }
                    return LocalTransactionState.UNKNOW; // the answer is lost: the broker must ask
                }

                @Override
                public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                    checkBacks.computeIfAbsent(msg.getKeys(), k -> new AtomicInteger()).incrementAndGet();
                    return rowExists(db, msg.getKeys()) ? LocalTransactionState.COMMIT_MESSAGE
                            : LocalTransactionState.ROLLBACK_MESSAGE;
                }
            };
            transactional = stack.rocketMq("it-tx-" + run).transactionalProducer("it-tx-" + run, listener,
                    checkExecutor);
            String commitKey = "commit-" + run;
            String rollbackKey = "rollback-" + run;
            transactional.sendMessageInTransaction(message(topic, commitKey), true);
            transactional.sendMessageInTransaction(message(topic, rollbackKey), false);

            long deadline = System.nanoTime() + WAIT_NANOS;
            while (System.nanoTime() < deadline
                    && !(received.contains("plain") && received.contains(commitKey) && checkBacks.containsKey(rollbackKey))) {
                Thread.sleep(100);
            }
            // A rolled-back message would have been delivered together with its check-back; give it a moment.
            Thread.sleep(2000);

            assertThat(received).contains("plain", commitKey).doesNotContain(rollbackKey);
            assertThat(checkBacks).containsKeys(commitKey, rollbackKey);
        } finally {
            if (consumer != null) {
                consumer.shutdown();
            }
            if (transactional != null) {
                transactional.shutdown();
            }
            plain.shutdown();
            checkExecutor.shutdownNow();
        }
    }

    private static Message message(String topic, String key) {
        Message m = new Message(topic, "tx", key.getBytes(StandardCharsets.UTF_8));
        m.setKeys(key);
        return m;
    }

    private static void insertRow(DataSource db, String key) {
        try (Connection c = db.getConnection();
             PreparedStatement p = c.prepareStatement("INSERT INTO it_local_tx (tx_key) VALUES (?)")) {
            p.setString(1, key);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean rowExists(DataSource db, String key) {
        try (Connection c = db.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT 1 FROM it_local_tx WHERE tx_key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
