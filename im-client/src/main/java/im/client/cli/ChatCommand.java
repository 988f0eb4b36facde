package im.client.cli;

import im.api.protocol.ConvType;
import im.api.protocol.Message;
import im.client.ImClient;
import im.client.ImClientException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code im-cli chat} (also {@code im-cli} without a subcommand): the interactive client. Shows the
 * conversation list with unread counts, prints messages as they arrive, and reads commands and
 * text from stdin; a line without a leading {@code /} is sent to the current conversation. A
 * failed command prints its error and the chat goes on; EOF or {@code /quit} ends it.
 */
@Command(name = "chat", description = "Interactive chat (the default without a subcommand).")
final class ChatCommand implements Callable<Integer> {
    static final String HELP = """
            commands:
              /to USER_ID        chat with a user           /group GROUP_ID   chat in a group
              /convs             conversations and unread   /history [N]      last N messages here
              /read              mark this chat read        /recall MSG_ID    recall a message
              /receipts MSG_ID   who read a message        /members          this group's members
              /help              this list                  /quit             leave
              anything else      is sent to the current chat""";

    @ParentCommand
    ImCli cli;

    @Override
    public Integer call() throws Exception {
        return run(cli);
    }

    static Integer run(ImCli cli) throws Exception {
        try (Session s = Session.connect(cli, ImClient.FROM_FIRST_LOGIN)) {
            Output out = cli.out();
            out.info("logged in as user " + s.userId() + ". /help lists the commands.");
            ConvsCommand.print(out, ConvsCommand.conversations(s, 20), s.userId());
            s.onEvent(e -> {
                if (e instanceof Message m) {
                    out.message(m, s.userId());
                } else if (e instanceof Session.Kick k) {
                    out.error("kicked out (reason " + k.reason() + "): " + k.message(), 1001);
                }
            });
            new Repl(s, out).loop();
            return ExitCodes.OK;
        }
    }

    /** The read-eval loop over stdin; the current conversation is its only state. */
    private static final class Repl {
        private final Session session;
        private final Output out;
        private Target current;

        Repl(Session session, Output out) {
            this.session = session;
            this.out = out;
        }

        void loop() throws IOException, InterruptedException {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty()) {
                    continue;
                }
                if ("/quit".equals(line) || "/exit".equals(line)) {
                    return;
                }
                try {
                    handle(line);
                } catch (ImClientException | IllegalArgumentException e) {
                    out.error(e.getMessage(), e instanceof ImClientException ice ? ice.code() : 0);
                    if (session.client().state().join() == ImClient.State.CLOSED) {
                        return; // kicked out or refused for good: nothing more will work
                    }
                }
            }
        }

        private void handle(String line) throws InterruptedException, IOException {
            String[] words = line.split("\\s+", 2);
            String arg = words.length > 1 ? words[1] : "";
            switch (words[0]) {
                case "/help" -> out.info(HELP);
                case "/to" -> current = target(ConvType.SINGLE, arg);
                case "/group" -> current = target(ConvType.GROUP, arg);
                case "/convs" -> ConvsCommand.print(out, ConvsCommand.conversations(session, 50), session.userId());
                case "/history" -> history(arg.isEmpty() ? 20 : count(arg));
                case "/read" -> out.info("read up to seq " + ReadCommand.read(session, need(), null));
                case "/recall" -> {
                    RecallCommand.recall(session, id(arg));
                    out.info("recalled msg " + arg);
                }
                case "/receipts" -> ReceiptsCommand.print(out, ReceiptsCommand.query(session, id(arg)));
                case "/members" -> {
                    Target t = need();
                    if (t.group == null) {
                        throw new IllegalArgumentException("/members needs a group chat (/group GROUP_ID)");
                    }
                    session.api().members(session.token(), t.group).forEach(m -> out.info("user " + m.userId()
                            + " " + m.role() + (m.muted() ? " muted" : "")));
                }
                default -> {
                    if (line.startsWith("/")) {
                        throw new IllegalArgumentException("unknown command " + words[0] + " (/help lists them)");
                    }
                    var r = SendCommand.send(session, need(), SendCommand.checkText(line), null);
                    out.info("  sent (msg " + r.getMsgId() + ", seq " + r.getSeq() + ")");
                }
            }
        }

        private void history(int n) throws InterruptedException {
            if (n < 1) {
                throw new IllegalArgumentException("/history takes a positive count");
            }
            HistoryCommand.last(session, need(), 0, n).forEach(m -> out.message(m, session.userId()));
        }

        private Target need() {
            if (current == null) {
                throw new IllegalArgumentException("no chat chosen: /to USER_ID or /group GROUP_ID first");
            }
            return current;
        }

        private Target target(ConvType type, String arg) {
            Target t = new Target();
            if (type == ConvType.SINGLE) {
                t.user = id(arg);
            } else {
                t.group = id(arg);
            }
            out.info("now chatting with " + t);
            return t;
        }

        private static int count(String arg) {
            try {
                return Integer.parseInt(arg);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a count: '" + arg + "'");
            }
        }

        private static long id(String arg) {
            try {
                return new IdConverter().convert(arg);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
    }
}
