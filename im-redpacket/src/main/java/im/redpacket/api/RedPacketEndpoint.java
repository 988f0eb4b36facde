package im.redpacket.api;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.Caller;
import im.api.redpacket.GrabRecord;
import im.api.redpacket.ReconcileReport;
import im.api.redpacket.RedPacketDetail;
import im.api.redpacket.RedPacketSent;
import im.api.redpacket.RedPacketService;
import im.api.redpacket.SendRedPacket;
import im.redpacket.grab.GrabHandler;
import im.redpacket.org.Conversations;
import im.redpacket.packet.GrabRow;
import im.redpacket.packet.PacketRow;
import im.redpacket.packet.PacketStore;
import im.redpacket.reconcile.Reconciler;
import im.redpacket.send.SendHandler;
import java.util.List;
import java.util.function.LongSupplier;

/** The Dubbo provider of {@link RedPacketService}: caller checks, then one handler per operation. Thread-safe. */
public final class RedPacketEndpoint implements RedPacketService {
    private final SendHandler send;
    private final GrabHandler grab;
    private final PacketStore packets;
    private final Reconciler reconciler;
    private final Conversations org;
    private final LongSupplier clock;

    public RedPacketEndpoint(SendHandler send, GrabHandler grab, PacketStore packets, Reconciler reconciler,
                             Conversations org, LongSupplier clock) {
        this.send = send;
        this.grab = grab;
        this.packets = packets;
        this.reconciler = reconciler;
        this.org = org;
        this.clock = clock;
    }

    @Override
    public RedPacketSent send(Caller caller, SendRedPacket request) throws ImException {
        checkUser(caller);
        return Guard.call("send red packet", () -> send.send(caller, request));
    }

    @Override
    public long grab(Caller caller, long redPacketId) throws ImException {
        checkUser(caller);
        Guard.check(redPacketId > 0, "redPacketId must be a positive id");
        return Guard.call("grab red packet", () -> grab.grab(caller, redPacketId));
    }

    @Override
    public RedPacketDetail show(Caller caller, long redPacketId) throws ImException {
        checkUser(caller);
        Guard.check(redPacketId > 0, "redPacketId must be a positive id");
        return Guard.call("show red packet", () -> {
            PacketRow p = grab.packetOf(caller, redPacketId);
            grab.requireMember(caller, p, false);
            List<GrabRow> grabs = packets.grabs(redPacketId);
            String status = p.status() == PacketRow.EXPIRED || clock.getAsLong() >= p.expireTime()
                    ? RedPacketDetail.EXPIRED : p.remainingCount() == 0 ? RedPacketDetail.EMPTY : RedPacketDetail.OPEN;
            return new RedPacketDetail(p.id(), p.senderId(), p.convType(), p.convId(), p.kind(), p.greeting(),
                    p.totalAmount(), p.totalCount(), p.remainingAmount(), p.remainingCount(), p.expireTime(), status,
                    p.refundedAmount(), grabs.stream().map(g -> new GrabRecord(g.userId(), g.amount(), g.grabTime()))
                    .toList());
        });
    }

    @Override
    public ReconcileReport reconcile(Caller caller) throws ImException {
        Guard.check(caller != null, "invalid caller");
        if (!caller.isPlatformAdmin()) {
            org.requireTenantAdmin(caller);
        }
        return Guard.call("reconcile", () -> reconciler.run(caller.isPlatformAdmin() ? 0 : caller.tenantId()));
    }

    private static void checkUser(Caller caller) throws ImException {
        Guard.check(caller != null, "invalid caller");
        if (caller.isPlatformAdmin()) {
            throw ImException.stackless(ErrorCode.FORBIDDEN, "the platform admin has no wallet");
        }
        Guard.check(caller.tenantId() > 0 && caller.userId() > 0, "invalid caller");
    }
}
