package im.redpacket.send;

import im.api.message.MessageService;
import im.api.redpacket.RedPacketChat;
import im.api.redpacket.RedPacketCreated;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ChatPoster} through im-logic's {@link MessageService} (Dubbo, its default timeout). Thread-safe. */
public final class LogicChatPoster implements ChatPoster {
    private static final Logger log = LoggerFactory.getLogger(LogicChatPoster.class);

    private final Supplier<MessageService> messages;

    /** How long the sender's answer waits for the post; below the gateway's Dubbo timeout. */
    private static final long POST_WAIT_SECONDS = 3;

    public LogicChatPoster(Supplier<MessageService> messages) {
        this.messages = messages;
    }

    @Override
    public long post(RedPacketCreated packet) {
        try {
            return messages.get().send(RedPacketChat.caller(packet), RedPacketChat.request(packet))
                    .get(POST_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS).msgId();
        } catch (Exception e) {
            log.warn("Failed to post a red packet's chat message now, the transactional message will: {packetId={}}: {}",
                    packet.redPacketId(), e.toString());
            return 0;
        }
    }
}
