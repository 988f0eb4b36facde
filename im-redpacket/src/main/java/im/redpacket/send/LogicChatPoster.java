package im.redpacket.send;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.MessageService;
import im.api.redpacket.RedPacketChat;
import im.api.redpacket.RedPacketCreated;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ChatPoster} through im-logic's {@link MessageService} (Dubbo, its default timeout). Thread-safe. */
public final class LogicChatPoster implements ChatPoster {
    private static final Logger log = LoggerFactory.getLogger(LogicChatPoster.class);

    /** How long a post waits for im-logic's answer; below the gateway's Dubbo timeout. */
    private static final long POST_WAIT_SECONDS = 3;

    private final Supplier<MessageService> messages;

    public LogicChatPoster(Supplier<MessageService> messages) {
        this.messages = messages;
    }

    @Override
    public long post(RedPacketCreated packet) {
        try {
            return messages.get().send(RedPacketChat.caller(packet), RedPacketChat.request(packet))
                    .get(POST_WAIT_SECONDS, TimeUnit.SECONDS).msgId();
        } catch (ImException e) {
            return refusedOrLater(packet, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ImException ie) {
                return refusedOrLater(packet, ie);
            }
            return later(packet, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return later(packet, e);
        } catch (Exception e) {
            return later(packet, e);
        }
    }

    private static long refusedOrLater(RedPacketCreated packet, ImException e) {
        if (e.code() == ErrorCode.BUSY || e.code() == ErrorCode.INTERNAL || e.code() == ErrorCode.RATE_LIMITED) {
            return later(packet, e);
        }
        log.warn("Red packet chat message refused by im-logic, not posted: {packetId={}, senderId={}, code={}}: {}",
                packet.redPacketId(), packet.senderId(), e.code(), e.getMessage());
        return REFUSED;
    }

    private static long later(RedPacketCreated packet, Throwable e) {
        log.warn("Failed to post a red packet's chat message now, posted later: {packetId={}}: {}",
                packet.redPacketId(), String.valueOf(e));
        return 0;
    }
}
