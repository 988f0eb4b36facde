package im.access.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.Caller;
import im.api.redpacket.RedPacketDetail;
import im.api.redpacket.RedPacketKind;
import im.api.redpacket.RedPacketSent;
import im.api.redpacket.RedPacketService;
import im.api.redpacket.ReconcileReport;
import im.api.redpacket.SendRedPacket;
import im.api.redpacket.WalletService;
import im.infra.dubbo.DubboNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The wallet and red-packet routes of PROTOCOL.md ({@code GET /wallet}, {@code POST /admin/wallet/topup},
 * {@code POST /redpackets}, {@code POST /redpackets/{id}/grab}, {@code GET /redpackets/{id}}) plus
 * {@code GET /admin/redpackets/reconcile}, answered by im-redpacket over Dubbo (group
 * {@code im-redpacket}), which decides membership and roles itself. Amounts are integral cents. Handlers
 * run on Jetty's request threads; stateless and thread-safe.
 */
public final class RedPacketRoutes {
    /** The Dubbo group im-redpacket exports in. */
    static final String GROUP = "im-redpacket";
    private static final Set<String> SEND_FIELDS = Set.of("convType", "convId", "totalAmount", "count", "kind",
            "greeting");

    record BalanceView(long balance) {
    }

    record TopUpView(String userId, long balance) {
    }

    record SentView(String redPacketId, String msgId) {
    }

    record AmountView(long amount) {
    }

    record GrabView(String userId, long amount, long time) {
    }

    record DetailView(String redPacketId, String senderId, String convType, String convId, String kind, String greeting,
                      long totalAmount, int count, long remainingAmount, int remainingCount, long expiresAt,
                      String status, long refundedAmount, List<GrabView> grabs) {
    }

    private final DubboNode.Reference<WalletService> wallets;
    private final DubboNode.Reference<RedPacketService> redPackets;
    private BearerAuthenticator auth;
    private ObjectMapper json;

    private RedPacketRoutes(DubboNode.Reference<WalletService> wallets,
                            DubboNode.Reference<RedPacketService> redPackets) {
        this.wallets = wallets;
        this.redPackets = redPackets;
    }

    /** Declares the im-redpacket references on {@code dubbo} (before it starts). */
    public static RedPacketRoutes declare(DubboNode dubbo) {
        return new RedPacketRoutes(dubbo.reference(WalletService.class, GROUP),
                dubbo.reference(RedPacketService.class, GROUP));
    }

    void register(Javalin app, BearerAuthenticator authenticator, ObjectMapper mapper) {
        this.auth = authenticator;
        this.json = mapper;
        app.get("/wallet", this::balance);
        app.post("/admin/wallet/topup", this::topUp);
        app.post("/redpackets", this::send);
        app.post("/redpackets/{id}/grab", this::grab);
        app.get("/redpackets/{id}", this::show);
        app.get("/admin/redpackets/reconcile", this::reconcile);
    }

    private Caller caller(Context ctx) throws ImException {
        return auth.authenticate(ctx.header("Authorization"));
    }

    private void balance(Context ctx) throws Exception {
        ctx.json(new BalanceView(wallets.get().balance(caller(ctx))));
    }

    private void topUp(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        JsonRequest b = JsonRequest.parse(json, ctx.bodyAsBytes(), Set.of("userId", "amount", "topUpId"));
        long userId = b.id("userId");
        long amount = b.integer("amount", 1, WalletService.MAX_TOP_UP);
        String topUpId = b.optionalString("topUpId", 64);
        String id = topUpId == null || topUpId.isBlank() ? UUID.randomUUID().toString() : topUpId;
        ctx.json(new TopUpView(Ids.of(userId), wallets.get().topUp(caller, userId, amount, id)));
    }

    private void send(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        JsonRequest b = JsonRequest.parse(json, ctx.bodyAsBytes(), SEND_FIELDS);
        int convType = convType(b.string("convType", 8));
        long convId = b.id("convId");
        long total = b.integer("totalAmount", 1, Long.MAX_VALUE);
        int count = (int) b.integer("count", 1, SendRedPacket.MAX_COUNT);
        RedPacketKind kind = kind(b.string("kind", 8));
        String greeting = b.optionalString("greeting", SendRedPacket.MAX_GREETING);
        RedPacketSent sent = redPackets.get().send(caller, new SendRedPacket(convType, convId, total, count, kind,
                greeting == null ? "" : greeting));
        ctx.json(new SentView(Ids.of(sent.redPacketId()), sent.msgId() == 0 ? null : Ids.of(sent.msgId())));
    }

    private void grab(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        ctx.json(new AmountView(redPackets.get().grab(caller, pathId(ctx))));
    }

    private void show(Context ctx) throws Exception {
        Caller caller = caller(ctx);
        RedPacketDetail d = redPackets.get().show(caller, pathId(ctx));
        ctx.json(new DetailView(Ids.of(d.redPacketId()), Ids.of(d.senderId()), d.convType() == 1 ? "SINGLE" : "GROUP",
                Ids.of(d.convId()), d.kind().name(), d.greeting(), d.totalAmount(), d.count(), d.remainingAmount(),
                d.remainingCount(), d.expiresAt(), d.status(), d.refundedAmount(),
                d.grabs().stream().map(g -> new GrabView(Ids.of(g.userId()), g.amount(), g.time())).toList()));
    }

    private void reconcile(Context ctx) throws Exception {
        ReconcileReport r = redPackets.get().reconcile(caller(ctx));
        ctx.json(r);
    }

    private static long pathId(Context ctx) throws ImException {
        long id = JsonRequest.parseId("id", ctx.pathParam("id"));
        if (id == 0) {
            throw JsonRequest.bad("id must be a positive id");
        }
        return id;
    }

    private static int convType(String name) throws ImException {
        return switch (name) {
            case "SINGLE" -> 1;
            case "GROUP" -> 2;
            default -> throw ImException.stackless(ErrorCode.BAD_REQUEST, "convType must be SINGLE or GROUP");
        };
    }

    private static RedPacketKind kind(String name) throws ImException {
        return switch (name) {
            case "RANDOM" -> RedPacketKind.RANDOM;
            case "FIXED" -> RedPacketKind.FIXED;
            default -> throw ImException.stackless(ErrorCode.BAD_REQUEST, "kind must be RANDOM or FIXED");
        };
    }
}
