package im.client.cli;

import im.api.protocol.Message;
import im.client.ImClient;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code im-cli listen}: stays online and prints messages as they arrive (pushed, or synced after a
 * gap or a reconnect), until {@code --count} have arrived or {@code --wait} seconds have passed.
 * For scripts: start it, then send from elsewhere.
 */
@Command(name = "listen", description = "Stay online and print incoming messages until --count arrived.")
final class ListenCommand implements Callable<Integer> {
    @ParentCommand
    ImCli cli;

    @Option(names = "--count", defaultValue = "1", description = "exit after N messages (default 1)")
    int count;

    @Option(names = "--wait", defaultValue = "60", description = "give up after S seconds (default 60)")
    int waitSeconds;

    @Option(names = "--since", description = "also deliver the stored entries after this seq first")
    Long since;

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be positive: " + count);
        }
        if (waitSeconds < 1) {
            throw new IllegalArgumentException("--wait must be positive: " + waitSeconds);
        }
        if (since != null && since < 0) {
            throw new IllegalArgumentException("--since must be >= 0: " + since);
        }
        try (Session s = Session.connect(cli, since == null ? ImClient.FROM_FIRST_LOGIN : since)) {
            cli.out().info("online as user " + s.userId() + "; waiting for " + count + " message(s)");
            long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
            int received = 0;
            while (received < count) {
                long left = deadline - System.nanoTime();
                Object e = left <= 0 ? null : s.nextEvent(Duration.ofNanos(left));
                if (e == null) {
                    cli.out().error("received " + received + " of " + count + " messages in " + waitSeconds + " s", 0);
                    return ExitCodes.UNAVAILABLE;
                }
                if (e instanceof Session.Kick k) {
                    cli.out().error("kicked out (reason " + k.reason() + "): " + k.message(), 1001);
                    return ExitCodes.AUTH;
                }
                cli.out().message((Message) e, s.userId());
                received++;
            }
            return ExitCodes.OK;
        }
    }
}
