package im.api.message;

import com.google.protobuf.ByteString;
import im.api.protocol.ConvType;
import im.api.protocol.Conversation;
import im.api.protocol.Message;
import im.api.protocol.SendReq;

/**
 * Converts between the Dubbo contract's records and the wire protocol's protobuf messages
 * (PROTOCOL.md section 2), so that the gateway's answers and the logic tier's pushes carry one
 * encoding of a message. Stateless.
 */
public final class WireMessages {
    private WireMessages() {
    }

    /** The request a {@code SEND_REQ} body asks for. */
    public static SendRequest request(SendReq r) {
        return new SendRequest(r.getClientMsgId(), r.getConvTypeValue(), r.getToId(), r.getContentTypeValue(),
                r.getText(), r.getPayload().toByteArray(), r.getNeedReceipt(), r.getMentionsList());
    }

    public static Message message(MessageEntry e) {
        return Message.newBuilder()
                .setMsgId(e.msgId())
                .setSeq(e.seq())
                .setConvType(convType(e.convType()))
                .setConvId(e.convId())
                .setFromUserId(e.fromUserId())
                .setSendTime(e.sendTime())
                .setContentTypeValue(e.contentType())
                .setText(e.text())
                .setPayload(ByteString.copyFrom(e.payload()))
                .setClientMsgId(e.clientMsgId() == null ? "" : e.clientMsgId())
                .setKindValue(e.kind())
                .setRefMsgId(e.refMsgId())
                .setNeedReceipt(e.needReceipt())
                .addAllMentions(e.mentions())
                .setRecalled(e.recalled())
                .build();
    }

    public static Conversation conversation(ConversationView v) {
        Conversation.Builder b = Conversation.newBuilder()
                .setConvType(convType(v.convType()))
                .setConvId(v.convId())
                .setUnread(v.unread())
                .setReadSeq(v.readSeq())
                .setUpdateTime(v.updateTime());
        if (v.lastMessage() != null) {
            b.setLastMessage(message(v.lastMessage()));
        }
        return b.build();
    }

    private static ConvType convType(int value) {
        ConvType t = ConvType.forNumber(value);
        return t == null ? ConvType.CONV_TYPE_UNSPECIFIED : t;
    }
}
