package im.logic.redpacket;

import im.api.ErrorCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import im.api.ImException;
import im.api.message.SendRequest;
import im.api.message.SendResult;
import im.api.message.SessionCaller;
import im.api.redpacket.RedPacketChat;
import im.api.redpacket.RedPacketCreated;

/**
 * The one place the red-packet consumer touches im-logic's send path: a {@code MessageService.send}-
 * shaped call. The post's {@code client_msg_id} is {@code rp:<packetId>}, so the send path's
 * de-duplication makes every delivery of one packet (and im-redpacket's own post for its answer) one
 * message. Thread-safe when the send is.
 */
public final class RedPacketPoster {
    /** {@code MessageService.send}, as the send path offers it: the future of the durable answer. */
    @FunctionalInterface
    public interface Send {
        CompletableFuture<SendResult> send(SessionCaller caller, SendRequest request) throws ImException;
    }

    private final Send send;

    public RedPacketPoster(Send send) {
        this.send = send;
    }

    /** Posts the packet's chat message in the sender's name; the message's id. */
    public long post(RedPacketCreated packet) throws ImException {
        try {
            return send.send(RedPacketChat.caller(packet), RedPacketChat.request(packet)).get().msgId();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ImException ie ? ie
                    : new ImException(ErrorCode.BUSY, "Failed to post a red packet: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImException(ErrorCode.BUSY, "interrupted while posting a red packet");
        }
    }
}
