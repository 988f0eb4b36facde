package im.client.cli;

import im.api.ErrorCode;
import im.api.protocol.Message;
import im.api.protocol.SyncResp;
import im.client.ImClient;
import im.client.ImClientException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code im-cli history}: the user's stream through SYNC (the source of truth), optionally of one
 * conversation; the last {@code --limit} entries in seq order.
 */
@Command(name = "history", description = "Print your message history (SYNC), of all or one conversation.")
final class HistoryCommand implements Callable<Integer> {
    @ParentCommand
    ImCli cli;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Target target;

    @Option(names = "--since", defaultValue = "0", description = "only entries after this seq (default 0)")
    long since;

    @Option(names = "--limit", defaultValue = "50", description = "print at most the last N entries (default 50)")
    int limit;

    @Override
    public Integer call() throws Exception {
        if (since < 0) {
            throw new IllegalArgumentException("--since must be >= 0: " + since);
        }
        if (limit < 1 || limit > 100_000) {
            throw new IllegalArgumentException("--limit must be 1..100000: " + limit);
        }
        try (Session s = Session.connect(cli, ImClient.FROM_FIRST_LOGIN)) {
            Deque<Message> last = last(s, target, since, limit);
            if (last.isEmpty()) {
                cli.out().info("no messages" + (target == null ? "" : " with " + target));
            }
            for (Message m : last) {
                cli.out().message(m, s.userId());
            }
            return ExitCodes.OK;
        }
    }

    /** The last {@code n} entries after {@code since} (of {@code target}, or all), paging through SYNC. */
    static Deque<Message> last(Session s, Target target, long since, int n) throws InterruptedException {
        Deque<Message> last = new ArrayDeque<>();
        long from = since;
        while (true) {
            SyncResp page = s.await(s.client().sync(from, 500));
            if (page.getCode() != ErrorCode.OK.code()) {
                throw new ImClientException(page.getCode(), "history refused: " + page.getMessage());
            }
            for (Message m : page.getMessagesList()) {
                from = Math.max(from, m.getSeq());
                if (target == null || target.contains(m)) {
                    last.addLast(m);
                    if (last.size() > n) {
                        last.removeFirst();
                    }
                }
            }
            if (!page.getHasMore() || page.getMessagesCount() == 0) {
                return last;
            }
        }
    }
}
