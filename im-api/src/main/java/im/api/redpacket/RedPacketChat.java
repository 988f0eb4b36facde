package im.api.redpacket;

import im.api.message.SendRequest;
import im.api.message.SessionCaller;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The RED_PACKET chat message of a packet, built the same way by whoever posts it (im-redpacket right
 * after the send, im-logic from {@link #TOPIC}): the deterministic {@code client_msg_id}
 * {@code rp:<packetId>} makes im-logic's send de-duplication turn every post of one packet into one
 * message. Also the binary codec of {@link RedPacketCreated} (a version byte, then the fields
 * big-endian in record order, the greeting as modified UTF-8).
 */
public final class RedPacketChat {
    /** RocketMQ topic of {@link RedPacketCreated}, sent as a transactional message by im-redpacket. */
    public static final String TOPIC = "im-redpacket-created";
    /** {@code ContentType.RED_PACKET}. */
    public static final int CONTENT_TYPE = 4;
    /** The device id of the server's posts in the sender's name. */
    public static final String DEVICE_ID = "im-redpacket";
    private static final byte FORMAT_V1 = 1;

    private RedPacketChat() {
    }

    /** The {@code client_msg_id} of a packet's chat message. */
    public static String clientMsgId(long redPacketId) {
        return "rp:" + redPacketId;
    }

    /** The sender's identity for posting in its name (no connection: nobody is skipped on push). */
    public static SessionCaller caller(RedPacketCreated e) {
        return new SessionCaller(e.tenantId(), e.senderId(), DEVICE_ID, 0, 0L);
    }

    /**
     * The message: text is the greeting, payload a small JSON object
     * {@code {"redPacketId":"…","kind":"RANDOM","count":N,"expiresAt":…}} (ids as strings, as in the
     * HTTP API) that clients render as a red packet.
     */
    public static SendRequest request(RedPacketCreated e) {
        String payload = "{\"redPacketId\":\"" + e.redPacketId() + "\",\"kind\":\"" + e.kind().name()
                + "\",\"count\":" + e.count() + ",\"expiresAt\":" + e.expiresAt() + "}";
        return new SendRequest(clientMsgId(e.redPacketId()), e.convType(), e.convId(), CONTENT_TYPE, e.greeting(),
                payload.getBytes(StandardCharsets.UTF_8), false, List.of());
    }

    public static byte[] encode(RedPacketCreated e) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_V1);
            out.writeLong(e.redPacketId());
            out.writeLong(e.tenantId());
            out.writeLong(e.senderId());
            out.writeByte(e.convType());
            out.writeLong(e.convId());
            out.writeByte(e.kind().number());
            out.writeInt(e.count());
            out.writeUTF(e.greeting());
            out.writeLong(e.expiresAt());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when {@code body} is not an encoded event */
    public static RedPacketCreated decode(byte[] body) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            byte format = in.readByte();
            if (format != FORMAT_V1) {
                throw new IllegalArgumentException("unknown red packet event format " + format);
            }
            RedPacketCreated e = new RedPacketCreated(in.readLong(), in.readLong(), in.readLong(), in.readUnsignedByte(),
                    in.readLong(), RedPacketKind.of(in.readUnsignedByte()), in.readInt(), in.readUTF(), in.readLong());
            if (in.available() != 0) {
                throw new IllegalArgumentException("trailing bytes after red packet event");
            }
            return e;
        } catch (IOException ex) {
            throw new IllegalArgumentException("truncated red packet event", ex);
        }
    }
}
