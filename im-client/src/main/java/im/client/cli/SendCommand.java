package im.client.cli;

import im.api.ErrorCode;
import im.api.protocol.ContentType;
import im.api.protocol.SendReq;
import im.api.protocol.SendResp;
import im.client.ImClient;
import im.client.ImClientException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code im-cli send}: one text message; prints its msg_id once it is durable (SEND_RESP code 0). */
@Command(name = "send", description = "Send a text message to a user or a group.")
final class SendCommand implements Callable<Integer> {
    /** PROTOCOL.md semantics 3. */
    static final int MAX_TEXT = 8192;

    @ParentCommand
    ImCli cli;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--client-msg-id", description = "idempotency key (default: random); sending the same "
            + "key again returns the original message")
    String clientMsgId;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "the text; '-' reads it from stdin")
    List<String> words;

    @Override
    public Integer call() throws Exception {
        String text = text();
        try (Session s = Session.connect(cli, ImClient.FROM_FIRST_LOGIN)) {
            SendResp r = send(s, target, text, clientMsgId);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("ok", true);
            f.put("msgId", Long.toString(r.getMsgId()));
            f.put("seq", r.getSeq());
            f.put("sendTime", r.getSendTime());
            f.put("clientMsgId", r.getClientMsgId());
            cli.out().result("sent msg " + r.getMsgId() + " to " + target + " (seq " + r.getSeq() + ")", f);
            return ExitCodes.OK;
        }
    }

    /** Sends and checks the answer's code. */
    static SendResp send(Session s, Target target, String text, String clientMsgId) throws InterruptedException {
        SendResp r = s.await(s.client().send(SendReq.newBuilder()
                .setClientMsgId(clientMsgId == null ? UUID.randomUUID().toString() : clientMsgId)
                .setConvType(target.convType()).setToId(target.convId())
                .setContentType(ContentType.TEXT).setText(text).build()));
        if (r.getCode() != ErrorCode.OK.code()) {
            throw new ImClientException(r.getCode(), "send to " + target + " refused: " + r.getMessage());
        }
        return r;
    }

    private String text() throws IOException {
        String text = words.size() == 1 && "-".equals(words.get(0))
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines()
                        .collect(Collectors.joining("\n"))
                : String.join(" ", words);
        return checkText(text);
    }

    static String checkText(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("nothing to send: the text is empty");
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("the text has " + text.length() + " characters; at most " + MAX_TEXT
                    + " are allowed");
        }
        return text;
    }
}
