package im.systemtest.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code im-client/bin/im-cli} as a script would use it, each command its own process, against
 * im-org-service, im-logic and im-access processes: groups over HTTP, send, listen, conversations
 * with unread, read, history, recall, and the exit status and message of each kind of failure.
 */
@ExtendWith(StackExtension.class)
class CliEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private static RealStack stack;
    private static Path cli;
    private static Path javaHome;

    @BeforeAll
    static void startServices(Stack s) throws Exception {
        stack = RealStack.start(s, "cli-it", List.of(Map.of()));
        cli = s.repoRoot().resolve("im-client/bin/im-cli");
        javaHome = Path.of(System.getProperty("java.home"));
        assertThat(s.repoRoot().resolve("im-client/target/im-client.jar")).as("the CLI's jar, built before this module")
                .isRegularFile();
    }

    @AfterAll
    static void stopServices() {
        if (stack != null) {
            stack.close();
        }
    }

    /** One finished im-cli run. */
    private record Run(int status, String out, String err) {
        /** The output's JSON lines. */
        List<JsonNode> json() throws IOException {
            List<JsonNode> out = new ArrayList<>();
            for (String line : this.out.split("\n")) {
                if (line.startsWith("{")) {
                    out.add(JSON.readTree(line));
                }
            }
            return out;
        }

        JsonNode last() throws IOException {
            List<JsonNode> all = json();
            assertThat(all).as("JSON output of im-cli; stderr: %s", err).isNotEmpty();
            return all.get(all.size() - 1);
        }
    }

    /** Where one im-cli process writes its output. */
    private record Redirects(Path out, Path err) {
    }

    private static final Map<Process, Redirects> redirects = new ConcurrentHashMap<>();

    private static Run run(RealStack.User user, String... args) throws Exception {
        return runAs(user, RealStack.PASSWORD, args);
    }

    private static Run runAs(RealStack.User user, String password, String... args) throws Exception {
        return finish(launch(user, password, args));
    }

    private static Process launch(RealStack.User user, String password, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(cli.toString(), "--server", stack.baseUrl(), "--tenant",
                stack.tenantCode(), "--user", user.account(), "--password", password,
                "--endpoint", "127.0.0.1:" + stack.access(0).tcpPort()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("JAVA_HOME", javaHome.toString());
        Redirects r = new Redirects(Files.createTempFile("im-cli-out", ".txt"), Files.createTempFile("im-cli-err", ".txt"));
        Process p = pb.redirectOutput(r.out().toFile()).redirectError(r.err().toFile()).start();
        redirects.put(p, r);
        return p;
    }

    private static Run finish(Process p) throws Exception {
        assertThat(p.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("im-cli finished").isTrue();
        Redirects r = redirects.remove(p);
        Run run = new Run(p.exitValue(), Files.readString(r.out(), StandardCharsets.UTF_8),
                Files.readString(r.err(), StandardCharsets.UTF_8));
        Files.delete(r.out());
        Files.delete(r.err());
        return run;
    }

    /** The first send waits until the gateway has found im-logic: 1503 (exit 4) stores nothing. */
    private static Run sendUntilAccepted(RealStack.User user, String... args) throws Exception {
        String clientMsgId = UUID.randomUUID().toString();
        List<String> all = new ArrayList<>(List.of("--json", "send", "--client-msg-id", clientMsgId));
        all.addAll(List.of(args));
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Run r = run(user, all.toArray(String[]::new));
            if (r.status() != 4 || System.nanoTime() > deadline) {
                return r;
            }
            Thread.sleep(500);
        }
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void scriptedSession_shouldChatInASingleChatAndAGroup_withUnreadReadHistoryAndRecall() throws Exception {
        RealStack.User alice = stack.newUser("alice-" + unique());
        RealStack.User bob = stack.newUser("bob-" + unique());

        Run created = run(alice, "--json", "group", "create", "--name", "Team " + unique(), "--members",
                Long.toString(bob.id()));
        assertThat(created.status()).as(created.err()).isZero();
        String group = created.last().get("groupId").asText();
        Run members = run(bob, "--json", "group", "members", group);
        assertThat(members.status()).as(members.err()).isZero();
        assertThat(members.json()).extracting(m -> m.get("userId").asText() + ":" + m.get("role").asText())
                .containsExactlyInAnyOrder(alice.id() + ":OWNER", bob.id() + ":MEMBER");

        // bob listens from seq 0, so it makes no difference whether the sends come before he is online
        // three entries: the group's CREATED event, then the two messages
        Process listening = launch(bob, RealStack.PASSWORD, "--json", "--platform", "mobile", "listen", "--since",
                "0", "--count", "3", "--wait", "120");
        Run single = sendUntilAccepted(alice, "--to", Long.toString(bob.id()), "hello", "bob");
        assertThat(single.status()).as(single.err()).isZero();
        String singleMsgId = single.last().get("msgId").asText();
        Run toGroup = run(alice, "--json", "send", "--group", group, "hello team");
        assertThat(toGroup.status()).as(toGroup.err()).isZero();

        Run heard = finish(listening);
        assertThat(heard.status()).as(heard.err()).isZero();
        List<JsonNode> texts = heard.json().stream().filter(m -> m.get("kind").asText().equals("NORMAL")).toList();
        assertThat(texts).extracting(m -> m.get("text").asText()).containsExactly("hello bob", "hello team");
        assertThat(texts.get(0).get("fromUserId").asText()).isEqualTo(Long.toString(alice.id()));
        assertThat(heard.json()).anyMatch(m -> m.get("kind").asText().equals("GROUP_EVENT"));

        Run convs = run(bob, "--json", "convs");
        assertThat(convs.status()).as(convs.err()).isZero();
        assertThat(convs.last().get("totalUnread").asInt()).isEqualTo(2);
        Run read = run(bob, "--json", "read", "--to", Long.toString(alice.id()));
        assertThat(read.status()).as(read.err()).isZero();
        assertThat(run(bob, "--json", "convs").last().get("totalUnread").asInt()).isEqualTo(1);

        Run recall = run(alice, "--json", "recall", singleMsgId);
        assertThat(recall.status()).as(recall.err()).isZero();
        Run history = run(bob, "--json", "history");
        assertThat(history.status()).as(history.err()).isZero();
        JsonNode original = history.json().stream().filter(m -> m.get("msgId").asText().equals(singleMsgId))
                .findFirst().orElseThrow(() -> new AssertionError("no original in " + history.out()));
        assertThat(original.get("recalled").asBoolean()).isTrue();
        assertThat(original.get("text").asText()).isEmpty();
        assertThat(history.json()).anyMatch(m -> m.get("kind").asText().equals("RECALL")
                && m.get("refMsgId").asText().equals(singleMsgId));
    }

    @Test
    void failures_shouldExitWithTheirStatus_andSayWhatWentWrong() throws Exception {
        RealStack.User owner = stack.newUser("owner-" + unique());
        RealStack.User outsider = stack.newUser("outsider-" + unique());
        String group = run(owner, "--json", "group", "create", "--name", "Closed").last().get("groupId").asText();

        Run notMember = sendUntilAccepted(outsider, "--group", group, "let me in");
        Run wrongPassword = runAs(owner, "not-the-password", "convs");
        Run notAnId = run(owner, "send", "--to", "bob", "hi");
        Run noText = run(owner, "send", "--to", Long.toString(outsider.id()));

        assertThat(notMember.status()).as(notMember.err()).isEqualTo(1);
        assertThat(notMember.err()).contains("1003");
        assertThat(notMember.last().get("code").asInt()).isEqualTo(1003);
        assertThat(wrongPassword.status()).isEqualTo(3);
        assertThat(wrongPassword.err()).contains("1001");
        assertThat(notAnId.status()).isEqualTo(2);
        assertThat(notAnId.err()).contains("'bob' is not an id");
        assertThat(noText.status()).isEqualTo(2);
        assertThat(noText.err()).contains("TEXT");
    }
}
