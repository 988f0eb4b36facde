package im.api.push;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of an {@link OfflinePushEvent} on RocketMQ: a format byte, then big-endian fields in
 * record order, strings as {@code writeUTF}, devices as a count and (deviceId, platform) pairs.
 * Binary and dependency-free like {@code im.api.message.MessageEventCodec}. Format 2 appends
 * {@code groupName}; format 1 (without it) is still decoded, with an empty group name.
 */
public final class OfflinePushCodec {
    private static final byte FORMAT_V1 = 1;
    private static final byte FORMAT_V2 = 2;

    private OfflinePushCodec() {
    }

    public static byte[] encode(OfflinePushEvent e) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_V2);
            out.writeLong(e.msgId());
            out.writeLong(e.tenantId());
            out.writeLong(e.userId());
            out.writeByte(e.convType());
            out.writeLong(e.convId());
            out.writeLong(e.fromUserId());
            out.writeUTF(e.fromName());
            out.writeUTF(e.preview());
            out.writeLong(e.sendTime());
            out.writeBoolean(e.mentioned());
            out.writeByte(e.devices().size());
            for (PushDevice d : e.devices()) {
                out.writeUTF(d.deviceId());
                out.writeByte(d.platform());
            }
            out.writeUTF(e.groupName());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when {@code body} is not an encoded event */
    public static OfflinePushEvent decode(byte[] body) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            byte format = in.readByte();
            if (format != FORMAT_V1 && format != FORMAT_V2) {
                throw new IllegalArgumentException("unknown offline push event format " + format);
            }
            long msgId = in.readLong();
            long tenantId = in.readLong();
            long userId = in.readLong();
            int convType = in.readUnsignedByte();
            long convId = in.readLong();
            long fromUserId = in.readLong();
            String fromName = in.readUTF();
            String preview = in.readUTF();
            long sendTime = in.readLong();
            boolean mentioned = in.readBoolean();
            int count = in.readUnsignedByte();
            if (count > OfflinePushEvent.MAX_DEVICES) {
                throw new IllegalArgumentException("bad device count " + count);
            }
            List<PushDevice> devices = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                devices.add(new PushDevice(in.readUTF(), in.readUnsignedByte()));
            }
            String groupName = format == FORMAT_V2 ? in.readUTF() : "";
            if (in.available() != 0) {
                throw new IllegalArgumentException("trailing bytes after offline push event");
            }
            return new OfflinePushEvent(msgId, tenantId, userId, convType, convId, fromUserId, fromName, preview,
                    sendTime, mentioned, devices, groupName);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated offline push event", e);
        }
    }
}
