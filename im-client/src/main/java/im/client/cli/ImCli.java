package im.client.cli;

import im.api.protocol.Platform;
import im.client.Endpoint;
import im.client.ImClientException;
import im.client.ImClientOptions;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code im-cli}: log in through the HTTP API and chat through the SDK. Without a subcommand it
 * starts the interactive chat; every subcommand is one scriptable step that exits with one of
 * {@link ExitCodes}. Options may come before or after the subcommand.
 *
 * <pre>im-cli --server http://127.0.0.1:8080 --user alice --password ... send --to 1234 "hi"</pre>
 */
@Command(name = "im-cli", mixinStandardHelpOptions = true, version = "im-cli 0.1",
        description = "Command-line client of the enterprise IM.",
        subcommands = {LoginCommand.class, SendCommand.class, HistoryCommand.class, ConvsCommand.class,
            ReadCommand.class, RecallCommand.class, ReceiptsCommand.class, ListenCommand.class, GroupCommands.class,
            ChatCommand.class, WalletCommand.class, RedPacketCommands.class, DirectoryCommands.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:the server refused the request (the message names the code)",
            "2:bad command line or input",
            "3:login refused, or the session was kicked out",
            "4:the server did not answer (unreachable, busy, timed out)"})
public final class ImCli implements Callable<Integer> {

    /** The wire transport, as typed on the command line. */
    enum TransportName {
        tcp(ImClientOptions.Transport.TCP), ws(ImClientOptions.Transport.WEBSOCKET);

        final ImClientOptions.Transport sdk;

        TransportName(ImClientOptions.Transport sdk) {
            this.sdk = sdk;
        }
    }

    /** The device's platform: one session per platform and user (PROTOCOL.md 4.1). */
    enum PlatformName {
        desktop(Platform.DESKTOP), mobile(Platform.MOBILE), web(Platform.WEB);

        final Platform wire;

        PlatformName(Platform wire) {
            this.wire = wire;
        }
    }

    @Option(names = {"-s", "--server"}, scope = ScopeType.INHERIT, defaultValue = "${env:IM_SERVER:-http://127.0.0.1:8080}",
            description = "HTTP API of an im-access node (env IM_SERVER; default ${DEFAULT-VALUE})")
    String server;

    @Option(names = {"-t", "--tenant"}, scope = ScopeType.INHERIT, defaultValue = "${env:IM_TENANT:-acme}",
            description = "tenant code (env IM_TENANT; default ${DEFAULT-VALUE})")
    String tenant;

    @Option(names = {"-u", "--user"}, scope = ScopeType.INHERIT, defaultValue = "${env:IM_USER}",
            description = "account to log in as (env IM_USER)")
    String user;

    @Option(names = {"-p", "--password"}, scope = ScopeType.INHERIT, defaultValue = "${env:IM_PASSWORD}",
            description = "password (env IM_PASSWORD; asked for on a terminal when missing)")
    String password;

    @Option(names = "--transport", scope = ScopeType.INHERIT, defaultValue = "tcp",
            description = "tcp or ws (default ${DEFAULT-VALUE})")
    TransportName transport;

    @Option(names = "--platform", scope = ScopeType.INHERIT, defaultValue = "desktop",
            description = "desktop, mobile or web (default ${DEFAULT-VALUE}); a login replaces the user's "
                    + "other session on the same platform")
    PlatformName platform;

    @Option(names = "--device", scope = ScopeType.INHERIT, defaultValue = "im-cli", description = "device id")
    String device;

    @Option(names = "--endpoint", scope = ScopeType.INHERIT, paramLabel = "HOST:PORT",
            description = "connect to this access node (TCP host:port; ws://host:port/ws with --transport ws) "
                    + "instead of the login's least-loaded list")
    String endpoint;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "machine-readable output: one JSON object per line")
    boolean json;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, defaultValue = "15",
            description = "seconds to wait for each answer (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    private Output output;

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs one command line; the exit status. For tests and for {@link #main}. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        ImCli cli = new ImCli();
        CommandLine cmd = new CommandLine(cli);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionStrategy(parsed -> {
            cli.output = new Output(out, err, cli.json);
            if (cli.timeoutSeconds < 1 || cli.timeoutSeconds > 3600) {
                throw new CommandLine.ParameterException(parsed.commandSpec().commandLine(),
                        "--timeout must be 1..3600 seconds: " + cli.timeoutSeconds);
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cmd.setExecutionExceptionHandler((e, commandLine, parsed) -> cli.fail(e));
        return cmd.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        return ChatCommand.run(this);
    }

    Output out() {
        return output;
    }

    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    /** The access nodes to try, in order: {@code --endpoint}, else the login's list. */
    List<Endpoint> endpoints(List<Endpoint> fromLogin) {
        if (endpoint == null || endpoint.isBlank()) {
            return fromLogin;
        }
        String e = endpoint.trim();
        if (transport == TransportName.ws) {
            if (!e.startsWith("ws://") && !e.startsWith("wss://")) {
                throw new IllegalArgumentException("--endpoint with --transport ws must be a ws:// URL: " + e);
            }
            return List.of(new Endpoint("", e));
        }
        int colon = e.lastIndexOf(':');
        if (colon < 1 || !e.substring(colon + 1).matches("\\d{1,5}")) {
            throw new IllegalArgumentException("--endpoint must be host:port, e.g. 127.0.0.1:9000: " + e);
        }
        return List.of(new Endpoint(e, ""));
    }

    String user() {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("no account: pass --user ACCOUNT (or set IM_USER)");
        }
        return user;
    }

    String password() {
        if (password != null && !password.isEmpty()) {
            return password;
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no password: pass --password or set IM_PASSWORD");
        }
        char[] typed = console.readPassword("password for %s@%s: ", user(), tenant);
        if (typed == null || typed.length == 0) {
            throw new IllegalArgumentException("no password given");
        }
        password = new String(typed);
        return password;
    }

    /** Turns a failure into its message on stderr and its exit status. */
    private int fail(Exception e) {
        Throwable t = e;
        int status;
        String message;
        if (t instanceof ImClientException ice) {
            status = ExitCodes.of(ice);
            message = describe(ice);
        } else if (t instanceof IllegalArgumentException) {
            status = ExitCodes.USAGE;
            message = t.getMessage();
        } else if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
            status = ExitCodes.UNAVAILABLE;
            message = "cannot reach " + server + ": " + (t.getMessage() == null ? "connection refused" : t.getMessage());
        } else if (t instanceof HttpTimeoutException) {
            status = ExitCodes.UNAVAILABLE;
            message = server + " did not answer within " + timeoutSeconds + " s";
        } else if (t instanceof IOException) {
            status = ExitCodes.UNAVAILABLE;
            message = "I/O error talking to " + server + ": " + t;
        } else if (t instanceof InterruptedException) {
            status = ExitCodes.UNAVAILABLE;
            message = "interrupted";
        } else {
            status = ExitCodes.REFUSED;
            message = "unexpected error: " + t;
        }
        Output o = output != null ? output : new Output(System.out, System.err, json);
        o.error(message, t instanceof ImClientException ice ? ice.code() : 0);
        return status;
    }

    private static String describe(ImClientException e) {
        String name = im.api.ErrorCode.of(e.code()).name();
        return e.getMessage() + (e.code() >= 1000 ? " [" + name + "]" : "");
    }
}
