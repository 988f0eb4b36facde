package im.client.cli;

import im.api.ErrorCode;
import im.api.protocol.ConvListResp;
import im.api.protocol.Conversation;
import im.client.ImClient;
import im.client.ImClientException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code im-cli convs}: the conversation list with unread counts, most recent first. */
@Command(name = "convs", description = "List your conversations with their unread counts.")
final class ConvsCommand implements Callable<Integer> {
    /** The server's bound on CONV_LIST_REQ.limit. */
    static final int MAX_LIMIT = 100;

    @ParentCommand
    ImCli cli;

    @Option(names = "--limit", defaultValue = "50", description = "at most N conversations (default 50)")
    int limit;

    @Override
    public Integer call() throws Exception {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("--limit must be 1..100: " + limit);
        }
        try (Session s = Session.connect(cli, ImClient.FROM_FIRST_LOGIN)) {
            print(cli.out(), conversations(s, limit), s.userId());
            return ExitCodes.OK;
        }
    }

    static ConvListResp conversations(Session s, int limit) throws InterruptedException {
        ConvListResp r = s.await(s.client().conversations(limit));
        if (r.getCode() != ErrorCode.OK.code()) {
            throw new ImClientException(r.getCode(), "conversation list refused: " + r.getMessage());
        }
        return r;
    }

    static void print(Output out, ConvListResp r, long me) {
        if (r.getConversationsCount() == 0) {
            out.info("no conversations");
        }
        for (Conversation c : r.getConversationsList()) {
            out.conversation(c, me);
        }
        out.result("total unread: " + r.getTotalUnread(), Map.of("type", "total", "totalUnread", r.getTotalUnread()));
    }
}
