package im.access.session;

import com.google.protobuf.InvalidProtocolBufferException;
import im.access.transport.codec.Frame;
import im.api.ErrorCode;
import im.api.protocol.Command;
import im.api.protocol.CommonResp;
import im.api.protocol.ConvListReq;
import im.api.protocol.ConvListResp;
import im.api.protocol.LoginResp;
import im.api.protocol.ReadReq;
import im.api.protocol.ReceiptQueryReq;
import im.api.protocol.ReceiptQueryResp;
import im.api.protocol.RecallReq;
import im.api.protocol.SendReq;
import im.api.protocol.SendResp;
import im.api.protocol.SyncReq;
import im.api.protocol.SyncResp;

/**
 * Builds the answer a request gets when it fails: the request's own response command with the code
 * (so the client's pending call completes), or {@code ERROR} for commands without one. Stateless.
 */
public final class ResponseFrames {
    private ResponseFrames() {
    }

    /**
     * Checks that a request's body parses as its message type.
     *
     * @throws InvalidProtocolBufferException when it does not
     */
    static void parseRequest(Frame frame) throws InvalidProtocolBufferException {
        switch (frame.cmd()) {
            case SEND_REQ -> SendReq.parseFrom(frame.body());
            case SYNC_REQ -> SyncReq.parseFrom(frame.body());
            case RECALL_REQ -> RecallReq.parseFrom(frame.body());
            case READ_REQ -> ReadReq.parseFrom(frame.body());
            case RECEIPT_QUERY_REQ -> ReceiptQueryReq.parseFrom(frame.body());
            case CONV_LIST_REQ -> ConvListReq.parseFrom(frame.body());
            default -> {
                // HEARTBEAT_REQ and LOGOUT_REQ have empty bodies; anything in them is ignored
            }
        }
    }

    /** The failure answer to {@code request}, whose body already parsed. */
    public static Frame failure(Frame request, ErrorCode code, String message) {
        int seq = request.seq();
        int c = code.code();
        try {
            return switch (request.cmd()) {
                case LOGIN_REQ -> Frame.of(Command.LOGIN_RESP, seq,
                        LoginResp.newBuilder().setCode(c).setMessage(message).build());
                case SEND_REQ -> Frame.of(Command.SEND_RESP, seq, SendResp.newBuilder().setCode(c).setMessage(message)
                        .setClientMsgId(SendReq.parseFrom(request.body()).getClientMsgId()).build());
                case SYNC_REQ -> Frame.of(Command.SYNC_RESP, seq,
                        SyncResp.newBuilder().setCode(c).setMessage(message).build());
                case RECALL_REQ -> common(Command.RECALL_RESP, seq, code, message);
                case READ_REQ -> common(Command.READ_RESP, seq, code, message);
                case RECEIPT_QUERY_REQ -> Frame.of(Command.RECEIPT_QUERY_RESP, seq, ReceiptQueryResp.newBuilder()
                        .setCode(c).setMessage(message)
                        .setMsgId(ReceiptQueryReq.parseFrom(request.body()).getMsgId()).build());
                case CONV_LIST_REQ -> Frame.of(Command.CONV_LIST_RESP, seq,
                        ConvListResp.newBuilder().setCode(c).setMessage(message).build());
                case LOGOUT_REQ -> common(Command.LOGOUT_RESP, seq, code, message);
                default -> error(seq, code, message);
            };
        } catch (InvalidProtocolBufferException e) {
            return error(seq, code, message);
        }
    }

    public static Frame error(int seq, ErrorCode code, String message) {
        return common(Command.ERROR, seq, code, message);
    }

    public static Frame common(Command cmd, int seq, ErrorCode code, String message) {
        return Frame.of(cmd, seq, CommonResp.newBuilder().setCode(code.code()).setMessage(message).build());
    }
}
