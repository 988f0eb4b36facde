package im.client.cli;

import im.api.ErrorCode;
import im.api.protocol.ReceiptQueryResp;
import im.client.ImClient;
import im.client.ImClientException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code im-cli receipts MSG_ID}: who read a message you sent, and who has not. */
@Command(name = "receipts", description = "Show who read a message you sent and who has not.")
final class ReceiptsCommand implements Callable<Integer> {
    @ParentCommand
    ImCli cli;

    @Parameters(paramLabel = "MSG_ID", converter = IdConverter.class, description = "the message")
    long msgId;

    @Override
    public Integer call() throws Exception {
        try (Session s = Session.connect(cli, ImClient.FROM_FIRST_LOGIN)) {
            print(cli.out(), query(s, msgId));
            return ExitCodes.OK;
        }
    }

    static ReceiptQueryResp query(Session s, long msgId) throws InterruptedException {
        ReceiptQueryResp r = s.await(s.client().receipts(msgId));
        if (r.getCode() != ErrorCode.OK.code()) {
            throw new ImClientException(r.getCode(), "receipts of msg " + msgId + " refused: " + r.getMessage());
        }
        return r;
    }

    static void print(Output out, ReceiptQueryResp r) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("ok", true);
        f.put("msgId", Long.toString(r.getMsgId()));
        f.put("readCount", r.getReadCount());
        f.put("unreadCount", r.getUnreadCount());
        f.put("readUserIds", strings(r.getReadUserIdsList()));
        f.put("unreadUserIds", strings(r.getUnreadUserIdsList()));
        out.result("msg " + r.getMsgId() + ": read by " + r.getReadCount() + " " + r.getReadUserIdsList() + ", unread by "
                + r.getUnreadCount() + " " + r.getUnreadUserIdsList(), f);
    }

    private static List<String> strings(List<Long> ids) {
        return ids.stream().map(String::valueOf).toList();
    }
}
