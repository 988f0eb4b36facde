package im.logic.redpacket;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.redpacket.RedPacketChat;
import im.api.redpacket.RedPacketCreated;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@link RedPacketChat#TOPIC} (committed half messages of im-redpacket: the packet exists and
 * the money is debited) and posts each packet's chat message with {@link RedPacketPoster}. A failure
 * that a retry may cure (BUSY, INTERNAL, no provider) asks RocketMQ to redeliver; a refusal that no
 * retry cures (the sender left the group since, the group was dismissed) is logged and dropped: the
 * packet stays grabbable by id and is refunded at expiry. Runs on RocketMQ's consume threads; stateless.
 */
public final class RedPacketListener implements MessageListenerConcurrently {
    /** Consumer group prefix; {@code LogicBootstrap} appends the Dubbo registry group. */
    public static final String CONSUMER_GROUP = "im-logic-redpacket";
    private static final Logger log = LoggerFactory.getLogger("im.logic.redpackets");

    private final RedPacketPoster poster;
    private final BooleanSupplier ready;

    /** @param ready true once the process may call other services (posting authorizes through im-org-service) */
    public RedPacketListener(RedPacketPoster poster, BooleanSupplier ready) {
        this.poster = poster;
        this.ready = ready;
    }

    @Override
    public ConsumeConcurrentlyStatus consumeMessage(List<MessageExt> msgs, ConsumeConcurrentlyContext context) {
        if (!ready.getAsBoolean()) {
            return ConsumeConcurrentlyStatus.RECONSUME_LATER;
        }
        for (MessageExt m : msgs) {
            RedPacketCreated packet;
            try {
                packet = RedPacketChat.decode(m.getBody());
            } catch (IllegalArgumentException e) {
                log.error("Failed to decode a red packet event, skipped: {mqMsgId={}, keys={}}", m.getMsgId(),
                        m.getKeys());
                continue;
            }
            try {
                poster.post(packet);
            } catch (ImException e) {
                if (retryable(e.code())) {
                    log.warn("Failed to post a red packet, retrying: {packetId={}, reconsumed={}}: {}",
                            packet.redPacketId(), m.getReconsumeTimes(), e.getMessage());
                    return ConsumeConcurrentlyStatus.RECONSUME_LATER;
                }
                log.error("Red packet message refused, not posted: {packetId={}, senderId={}, code={}}: {}",
                        packet.redPacketId(), packet.senderId(), e.code(), e.getMessage());
            } catch (RuntimeException e) {
                log.warn("Failed to post a red packet, retrying: {packetId={}, reconsumed={}}: {}",
                        packet.redPacketId(), m.getReconsumeTimes(), e.toString());
                return ConsumeConcurrentlyStatus.RECONSUME_LATER;
            }
        }
        return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    }

    static boolean retryable(ErrorCode code) {
        return code == ErrorCode.BUSY || code == ErrorCode.INTERNAL || code == ErrorCode.RATE_LIMITED;
    }
}
