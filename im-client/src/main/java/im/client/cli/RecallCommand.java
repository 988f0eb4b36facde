package im.client.cli;

import im.api.ErrorCode;
import im.api.protocol.CommonResp;
import im.client.ImClient;
import im.client.ImClientException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code im-cli recall MSG_ID}: recalls a message (the sender within 24 h; group owners and admins). */
@Command(name = "recall", description = "Recall a message.")
final class RecallCommand implements Callable<Integer> {
    @ParentCommand
    ImCli cli;

    @Parameters(paramLabel = "MSG_ID", converter = IdConverter.class, description = "the message")
    long msgId;

    @Override
    public Integer call() throws Exception {
        try (Session s = Session.connect(cli, ImClient.FROM_FIRST_LOGIN)) {
            recall(s, msgId);
            cli.out().result("recalled msg " + msgId, Map.of("ok", true, "msgId", Long.toString(msgId)));
            return ExitCodes.OK;
        }
    }

    static void recall(Session s, long msgId) throws InterruptedException {
        CommonResp r = s.await(s.client().recall(msgId));
        if (r.getCode() != ErrorCode.OK.code()) {
            throw new ImClientException(r.getCode(), "recall of msg " + msgId + " refused: " + r.getMessage());
        }
    }
}
