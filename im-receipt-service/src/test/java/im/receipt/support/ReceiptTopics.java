package im.receipt.support;

import im.api.message.MessageEventCodec;
import im.api.message.MessageReadEvent;
import im.api.message.MessageSentEvent;
import im.api.message.MessageTopics;
import im.testkit.Stack;
import java.util.List;
import java.util.UUID;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * A test's own pair of sent and read topics (so nothing else on the shared broker consumes what the
 * test publishes, and the test sees nothing of others), with a producer that publishes events as
 * im-logic does, or onto a chosen queue to reorder them on purpose. Creating it creates both topics,
 * so consumers started afterwards find their routes at once.
 */
public final class ReceiptTopics implements AutoCloseable {
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String sentTopic = "IT_RCPT_SENT_" + run;
    private final String readTopic = "IT_RCPT_READ_" + run;
    private final DefaultMQProducer producer;

    public ReceiptTopics(Stack stack) throws Exception {
        this.producer = stack.rocketMq("receipt-it-" + run).producer("receipt-it-" + run);
        // Harmless first events: a sent event without receipts and a read event naming nothing.
        sendSent(new MessageSentEvent(1, 1, 2, 1, 1, 1, 1, "", false, List.of(), List.of()));
        send(new Message(readTopic, "GROUP", MessageEventCodec.encode(new MessageReadEvent(1, 1, 2, 1, 1, 1))));
    }

    public String run() {
        return run;
    }

    public String sentTopic() {
        return sentTopic;
    }

    public String readTopic() {
        return readTopic;
    }

    public String group(String purpose) {
        return "receipt-it-" + purpose + "-" + run;
    }

    public void sendSent(MessageSentEvent e) throws Exception {
        send(new Message(sentTopic, "GROUP", Long.toString(e.msgId()), MessageEventCodec.encode(e)));
    }

    /** As im-logic publishes it: onto its conversation's queue. */
    public void sendRead(MessageReadEvent e) throws Exception {
        long key = MessageTopics.readQueueKey(e.convType(), e.userId(), e.convId());
        List<MessageQueue> queues = readQueues();
        sendRead(e, (int) Math.floorMod(key, (long) queues.size()));
    }

    /** Onto queue {@code index} (modulo the queues), whatever its conversation. */
    public void sendRead(MessageReadEvent e, int index) throws Exception {
        sendReadBody(MessageEventCodec.encode(e), index);
    }

    public void sendReadBody(byte[] body, int index) throws Exception {
        List<MessageQueue> queues = readQueues();
        MessageQueue q = queues.get(Math.floorMod(index, queues.size()));
        SendStatus status = producer.send(new Message(readTopic, "GROUP", body), q).getSendStatus();
        if (status != SendStatus.SEND_OK) {
            throw new IllegalStateException("read event not stored: " + status);
        }
    }

    public List<MessageQueue> readQueues() throws Exception {
        return producer.fetchPublishMessageQueues(readTopic);
    }

    private void send(Message m) throws Exception {
        SendStatus status = producer.send(m).getSendStatus();
        if (status != SendStatus.SEND_OK) {
            throw new IllegalStateException("event not stored: " + status);
        }
    }

    @Override
    public void close() {
        producer.shutdown();
    }
}
