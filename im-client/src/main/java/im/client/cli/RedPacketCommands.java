package im.client.cli;

import im.client.HttpApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code im-cli redpacket send|grab|show}: red packets through the HTTP API; amounts in cents. */
@Command(name = "redpacket", description = "Send, grab and show red packets (HTTP API).")
final class RedPacketCommands {
    @ParentCommand
    ImCli cli;

    @Command(name = "send", description = "Send a red packet to a user (--to) or a group (--group).")
    int send(@Option(names = "--to", converter = IdConverter.class, paramLabel = "USER_ID") Long to,
             @Option(names = "--group", converter = IdConverter.class, paramLabel = "GROUP_ID") Long group,
             @Option(names = "--amount", required = true, paramLabel = "CENTS", description = "total in cents")
             long amount,
             @Option(names = "--count", defaultValue = "1", description = "shares (default 1)") int count,
             @Option(names = "--fixed", description = "equal shares instead of random ones") boolean fixed,
             @Parameters(index = "0", arity = "0..1", paramLabel = "GREETING", defaultValue = "") String greeting)
            throws Exception {
        if ((to == null) == (group == null)) {
            throw new IllegalArgumentException("give exactly one of --to USER_ID or --group GROUP_ID");
        }
        try (Session s = Session.login(cli)) {
            HttpApi.RedPacketSent sent = s.api().sendRedPacket(s.token(), to != null ? "SINGLE" : "GROUP",
                    to != null ? to : group, amount, count, fixed ? "FIXED" : "RANDOM", greeting);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("ok", true);
            fields.put("redPacketId", Long.toString(sent.redPacketId()));
            fields.put("msgId", sent.msgId() == 0 ? null : Long.toString(sent.msgId()));
            cli.out().result("sent red packet " + sent.redPacketId() + " (" + Cents.format(amount) + " in " + count
                    + ")" + (sent.msgId() == 0 ? "; its chat message follows" : " as msg " + sent.msgId()), fields);
            return ExitCodes.OK;
        }
    }

    @Command(name = "grab", description = "Grab a share of a red packet.")
    int grab(@Parameters(index = "0", paramLabel = "RED_PACKET_ID", converter = IdConverter.class) long id)
            throws Exception {
        try (Session s = Session.login(cli)) {
            long amount = s.api().grab(s.token(), id);
            cli.out().result("grabbed " + Cents.format(amount), Map.of("ok", true, "amount", amount));
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "Show a red packet and who grabbed what.")
    int show(@Parameters(index = "0", paramLabel = "RED_PACKET_ID", converter = IdConverter.class) long id)
            throws Exception {
        try (Session s = Session.login(cli)) {
            HttpApi.RedPacket p = s.api().redPacket(s.token(), id);
            StringBuilder human = new StringBuilder("red packet " + p.redPacketId() + " " + p.status() + ": "
                    + Cents.format(p.totalAmount()) + " in " + p.count() + ", left " + Cents.format(p.remainingAmount())
                    + " in " + p.remainingCount());
            for (HttpApi.Grab g : p.grabs()) {
                human.append("\n  user ").append(g.userId()).append(' ').append(Cents.format(g.amount()));
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("ok", true);
            fields.put("redPacketId", Long.toString(p.redPacketId()));
            fields.put("status", p.status());
            fields.put("totalAmount", p.totalAmount());
            fields.put("remainingAmount", p.remainingAmount());
            fields.put("remainingCount", p.remainingCount());
            List<Map<String, Object>> grabs = p.grabs().stream().map(g -> Map.<String, Object>of("userId",
                    Long.toString(g.userId()), "amount", g.amount(), "time", g.time())).toList();
            fields.put("grabs", grabs);
            cli.out().result(human.toString(), fields);
            return ExitCodes.OK;
        }
    }
}
