package im.client.cli;

import im.api.ErrorCode;
import im.api.protocol.CommonResp;
import im.api.protocol.ConvListResp;
import im.api.protocol.Conversation;
import im.client.ImClient;
import im.client.ImClientException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code im-cli read}: marks a conversation read up to a seq (default: its last message). */
@Command(name = "read", description = "Mark a conversation read (up to its last message, or --seq).")
final class ReadCommand implements Callable<Integer> {
    @ParentCommand
    ImCli cli;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--seq", description = "read up to this seq of your stream (default: the last message)")
    Long seq;

    @Override
    public Integer call() throws Exception {
        if (seq != null && seq < 1) {
            throw new IllegalArgumentException("--seq must be positive: " + seq);
        }
        try (Session s = Session.connect(cli, ImClient.FROM_FIRST_LOGIN)) {
            long readSeq = read(s, target, seq);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("ok", true);
            f.put("convType", target.convType().name());
            f.put("convId", Long.toString(target.convId()));
            f.put("readSeq", readSeq);
            cli.out().result("read " + target + " up to seq " + readSeq, f);
            return ExitCodes.OK;
        }
    }

    /** Reads up to {@code seq}, or up to the conversation's last message; the seq read. */
    static long read(Session s, Target target, Long seq) throws InterruptedException {
        long readSeq = seq != null ? seq : lastSeq(s, target);
        CommonResp r = s.await(s.client().read(target.convType(), target.convId(), readSeq));
        if (r.getCode() != ErrorCode.OK.code()) {
            throw new ImClientException(r.getCode(), "read of " + target + " refused: " + r.getMessage());
        }
        return readSeq;
    }

    private static long lastSeq(Session s, Target target) throws InterruptedException {
        ConvListResp list = ConvsCommand.conversations(s, ConvsCommand.MAX_LIMIT);
        for (Conversation c : list.getConversationsList()) {
            if (c.getConvType() == target.convType() && c.getConvId() == target.convId() && c.hasLastMessage()) {
                return c.getLastMessage().getSeq();
            }
        }
        throw new ImClientException(ErrorCode.NOT_FOUND.code(), "no conversation with " + target);
    }
}
