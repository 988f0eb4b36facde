package im.api.message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Bodies of the events on {@link MessageTopics}: a format byte, a type byte, then big-endian fields in
 * record order; the text as {@code writeUTF} (a legal text of 8192 characters stays below its 64 KB
 * limit). Binary and dependency-free like
 * {@code im.api.org.GroupEventCodec}, so any consumer decodes it without a JSON or Hessian library.
 */
public final class MessageEventCodec {
    private static final byte FORMAT_V1 = 1;
    private static final byte SENT = 1;
    private static final byte RECALLED = 2;
    private static final byte READ = 3;
    /** A group's recipients plus slack; guards a decoder against a corrupt count. */
    private static final int MAX_IDS = 20_000;

    private MessageEventCodec() {
    }

    public static byte[] encode(MessageSentEvent e) {
        return write(SENT, out -> {
            out.writeLong(e.msgId());
            out.writeLong(e.tenantId());
            out.writeByte(e.convType());
            out.writeLong(e.convId());
            out.writeLong(e.fromUserId());
            out.writeLong(e.sendTime());
            out.writeByte(e.contentType());
            out.writeUTF(e.text());
            out.writeBoolean(e.needReceipt());
            writeIds(out, e.recipientIds());
            writeIds(out, e.mentions());
        });
    }

    public static byte[] encode(MessageRecalledEvent e) {
        return write(RECALLED, out -> {
            out.writeLong(e.msgId());
            out.writeLong(e.tenantId());
            out.writeByte(e.convType());
            out.writeLong(e.convId());
            out.writeLong(e.operatorId());
            out.writeLong(e.recallTime());
        });
    }

    public static byte[] encode(MessageReadEvent e) {
        return write(READ, out -> {
            out.writeLong(e.tenantId());
            out.writeLong(e.userId());
            out.writeByte(e.convType());
            out.writeLong(e.convId());
            out.writeLong(e.readSeq());
            out.writeLong(e.readTime());
            writeIds(out, e.receiptMsgIds());
        });
    }

    /** @throws IllegalArgumentException when {@code body} is not an encoded sent event */
    public static MessageSentEvent decodeSent(byte[] body) {
        return read(body, SENT, in -> new MessageSentEvent(in.readLong(), in.readLong(), in.readUnsignedByte(),
                in.readLong(), in.readLong(), in.readLong(), in.readUnsignedByte(), in.readUTF(), in.readBoolean(),
                readIds(in), readIds(in)));
    }

    /** @throws IllegalArgumentException when {@code body} is not an encoded recalled event */
    public static MessageRecalledEvent decodeRecalled(byte[] body) {
        return read(body, RECALLED, in -> new MessageRecalledEvent(in.readLong(), in.readLong(),
                in.readUnsignedByte(), in.readLong(), in.readLong(), in.readLong()));
    }

    /**
     * Decodes a read event; a body written before read events named their receipt ids (it ends after
     * {@code readTime}) decodes with none, so a rolling upgrade drains old events.
     *
     * @throws IllegalArgumentException when {@code body} is not an encoded read event
     */
    public static MessageReadEvent decodeRead(byte[] body) {
        return read(body, READ, in -> new MessageReadEvent(in.readLong(), in.readLong(), in.readUnsignedByte(),
                in.readLong(), in.readLong(), in.readLong(), in.available() == 0 ? List.of() : readIds(in)));
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(byte type, Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_V1);
            out.writeByte(type);
            writer.write(out);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] body, byte type, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            byte format = in.readByte();
            if (format != FORMAT_V1) {
                throw new IllegalArgumentException("unknown message event format " + format);
            }
            byte actual = in.readByte();
            if (actual != type) {
                throw new IllegalArgumentException("message event type " + actual + " where " + type + " expected");
            }
            T event = reader.read(in);
            if (in.available() != 0) {
                throw new IllegalArgumentException("trailing bytes after message event");
            }
            return event;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated message event", e);
        }
    }

    private static void writeIds(DataOutputStream out, List<Long> ids) throws IOException {
        out.writeInt(ids.size());
        for (long id : ids) {
            out.writeLong(id);
        }
    }

    private static List<Long> readIds(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_IDS) {
            throw new IllegalArgumentException("bad id count " + count);
        }
        List<Long> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(in.readLong());
        }
        return ids;
    }
}
