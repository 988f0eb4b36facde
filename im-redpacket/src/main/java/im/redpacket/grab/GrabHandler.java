package im.redpacket.grab;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.AuthorizationService;
import im.api.org.Caller;
import im.redpacket.org.Conversations;
import im.redpacket.packet.GrabRow;
import im.redpacket.packet.PacketRow;
import im.redpacket.packet.PacketStore;
import im.redpacket.packet.ShareSplitter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code grab}: membership, then a share popped from Redis (one script: at most one per user), then
 * the claim in the database, which is the truth (its keys refuse a second grab and a share taken
 * twice), together with the credit message. When Redis lost the packet's copy it is refilled from the
 * database; when Redis does not answer at all the share is chosen from the database alone. Either way
 * a share is paid at most once. Called on Dubbo threads; thread-safe.
 */
public final class GrabHandler {
    private static final Logger log = LoggerFactory.getLogger(GrabHandler.class);
    private static final int ATTEMPTS = 8;
    static final ImException NOT_FOUND = ImException.stackless(ErrorCode.NOT_FOUND, "no such red packet");
    static final ImException ALREADY = ImException.stackless(ErrorCode.RED_PACKET_ALREADY_GRABBED,
            "you grabbed this red packet already");
    static final ImException EMPTY = ImException.stackless(ErrorCode.RED_PACKET_EMPTY, "the red packet is empty");
    static final ImException EXPIRED = ImException.stackless(ErrorCode.RED_PACKET_EXPIRED, "the red packet expired");
    private static final ImException NOT_PEER = ImException.stackless(ErrorCode.FORBIDDEN,
            "only the recipient grabs a red packet of a single chat");

    private final PacketStore packets;
    private final RedisShares shares;
    private final GrabClaimer claimer;
    private final Conversations conversations;
    private final LongSupplier clock;

    public GrabHandler(PacketStore packets, RedisShares shares, GrabClaimer claimer, Conversations conversations,
                       LongSupplier clock) {
        this.packets = packets;
        this.shares = shares;
        this.claimer = claimer;
        this.conversations = conversations;
        this.clock = clock;
    }

    /** The packet of the caller's tenant, or NOT_FOUND. */
    public PacketRow packetOf(Caller caller, long packetId) throws ImException {
        PacketRow p;
        try {
            p = packets.find(packetId);
        } catch (SQLException e) {
            throw new ImException(ErrorCode.BUSY, "red packet store unavailable: " + e.getMessage(), e);
        }
        if (p == null || p.tenantId() != caller.tenantId()) {
            throw NOT_FOUND;
        }
        return p;
    }

    /** @throws ImException {@code FORBIDDEN} unless the caller may see the packet (member, sender) */
    public void requireMember(Caller caller, PacketRow p, boolean grabbing) throws ImException {
        if (p.convType() == AuthorizationService.CONV_SINGLE) {
            if (caller.userId() != p.convId() && (grabbing || caller.userId() != p.senderId())) {
                throw NOT_PEER;
            }
            return;
        }
        conversations.requireGroupMember(caller.tenantId(), caller.userId(), p.convId());
    }

    public long grab(Caller caller, long packetId) throws ImException {
        PacketRow p = packetOf(caller, packetId);
        requireMember(caller, p, true);
        long userId = caller.userId();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (p.status() == PacketRow.EXPIRED || clock.getAsLong() >= p.expireTime()) {
                throw EXPIRED;
            }
            RedisShares.Pop pop;
            try {
                pop = shares.pop(packetId, userId, clock.getAsLong());
            } catch (RuntimeException e) {
                log.warn("Failed to pop a share from Redis, grabbing from the database: {packetId={}}: {}", packetId,
                        e.toString());
                Long amount = grabFromDatabase(p, userId);
                if (amount != null) {
                    return amount;
                }
                continue;
            }
            switch (pop.kind()) {
                case MISSING -> refill(p);
                case EMPTY -> {
                    if (p.remainingCount() == 0 || settleStale(p) == 0) {
                        throw EMPTY;
                    }
                }
                case ALREADY -> {
                    if (grabbed(packetId, userId)) {
                        throw ALREADY;
                    }
                    // this user's earlier grab reserved a share and never claimed it (its node died): claim it now
                    RedisShares.Pop renewed = renew(p, userId, pop);
                    Long amount = renewed == null ? null : claim(p, userId, renewed);
                    if (amount != null) {
                        return amount;
                    }
                }
                case TAKEN -> {
                    Long amount = claim(p, userId, pop);
                    if (amount != null) {
                        return amount;
                    }
                }
                default -> throw new IllegalStateException("unknown pop " + pop);
            }
        }
        throw new ImException(ErrorCode.BUSY, "red packet contended, retry");
    }

    /** The amount, or null to try again with another share. */
    private Long claim(PacketRow p, long userId, RedisShares.Pop pop) throws ImException {
        PacketStore.Claim claim;
        try {
            claim = claimer.claim(new CreditMessage(p.id(), userId, p.tenantId(), pop.amount()), pop.shareIdx(),
                    pop.reservedAt());
        } catch (ImException e) {
            undo(p.id(), userId, pop, true);
            throw e;
        }
        switch (claim) {
            case CLAIMED:
                return pop.amount();
            case ALREADY_GRABBED:
                // Redis forgot this user's grab (refilled while it was committing): the share was not taken
                if (pop.kind() == RedisShares.Pop.Kind.TAKEN) {
                    undo(p.id(), userId, pop, true);
                }
                throw ALREADY;
            case SHARE_TAKEN:
                undo(p.id(), userId, pop, false); // someone else holds it in the database
                return null;
            case EMPTY:
                throw EMPTY;
            case EXPIRED:
                throw EXPIRED;
            default:
                throw new IllegalStateException("unknown claim " + claim);
        }
    }

    private void undo(long packetId, long userId, RedisShares.Pop pop, boolean giveBack) {
        try {
            shares.undo(packetId, userId, pop, giveBack);
        } catch (RuntimeException e) {
            log.warn("Failed to give a share back to Redis (refunded at expiry): {packetId={}, userId={}}: {}",
                    packetId, userId, e.toString());
        }
    }

    /** {@code pop}, this user's unclaimed reservation, as one made now; null when it changed meanwhile. */
    private RedisShares.Pop renew(PacketRow p, long userId, RedisShares.Pop pop) throws ImException {
        try {
            return shares.renew(p.id(), userId, pop, clock.getAsLong());
        } catch (RuntimeException e) {
            throw new ImException(ErrorCode.BUSY, "Redis unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * Redis has no free share but the database has: some are reserved by grabs still claiming, or by
     * grabbers that died between the pop and the claim. Reservations older than a claim can commit
     * ({@link GrabClaimer#CHECK_SAFE_AGE_MS}) are settled by the grab rows: claimed ones are kept, the others'
     * shares go back to the free list (a share the database gives someone else is only forgotten).
     *
     * @return the number of shares given back
     */
    private long settleStale(PacketRow p) throws ImException {
        List<RedisShares.Reservation> stale;
        try {
            stale = shares.stale(p.id(), clock.getAsLong() - GrabClaimer.CHECK_SAFE_AGE_MS);
        } catch (RuntimeException e) {
            throw new ImException(ErrorCode.BUSY, "Redis unavailable: " + e.getMessage(), e);
        }
        if (stale.isEmpty()) {
            return 0;
        }
        Map<Long, Integer> claimedBy = new HashMap<>();
        Map<Integer, Long> holderOf = new HashMap<>();
        for (GrabRow g : grabs(p.id())) {
            claimedBy.put(g.userId(), g.shareIdx());
            holderOf.put(g.shareIdx(), g.userId());
        }
        Map<RedisShares.Reservation, RedisShares.Outcome> outcomes = new LinkedHashMap<>();
        for (RedisShares.Reservation r : stale) {
            Integer claimed = claimedBy.get(r.userId());
            if (claimed != null && claimed == r.pop().shareIdx()) {
                outcomes.put(r, RedisShares.Outcome.CLAIMED);
            } else if (claimed == null && !holderOf.containsKey(r.pop().shareIdx())) {
                outcomes.put(r, RedisShares.Outcome.FREE);
            } else {
                outcomes.put(r, RedisShares.Outcome.DROP);
            }
        }
        long freed;
        try {
            freed = shares.settle(p.id(), outcomes);
        } catch (RuntimeException e) {
            throw new ImException(ErrorCode.BUSY, "Redis unavailable: " + e.getMessage(), e);
        }
        if (freed > 0) {
            log.info("Freed red packet shares reserved by grabs that never claimed them: {packetId={}, shares={}}",
                    p.id(), freed);
        }
        return freed;
    }

    /** Redis unreachable: a random free share by the database's record; null to try again. */
    private Long grabFromDatabase(PacketRow p, long userId) throws ImException {
        Map<Integer, Long> free = new LinkedHashMap<>();
        List<GrabRow> grabs = grabs(p.id());
        for (GrabRow g : grabs) {
            if (g.userId() == userId) {
                throw ALREADY;
            }
        }
        freeShares(p, grabs, free, new HashMap<>());
        if (free.isEmpty()) {
            throw EMPTY;
        }
        List<Integer> idx = new ArrayList<>(free.keySet());
        int pick = idx.get(ThreadLocalRandom.current().nextInt(idx.size()));
        PacketStore.Claim claim = claimer.claim(new CreditMessage(p.id(), userId, p.tenantId(), free.get(pick)), pick,
                clock.getAsLong());
        return switch (claim) {
            case CLAIMED -> free.get(pick);
            case ALREADY_GRABBED -> throw ALREADY;
            case SHARE_TAKEN -> null;
            case EMPTY -> throw EMPTY;
            case EXPIRED -> throw EXPIRED;
        };
    }

    /** Refills Redis from the database: the shares no grab row holds, and the grabbers. */
    private void refill(PacketRow p) throws ImException {
        Map<Integer, Long> free = new LinkedHashMap<>();
        Map<Long, String> grabbed = new HashMap<>();
        freeShares(p, grabs(p.id()), free, grabbed);
        try {
            shares.load(p.id(), free, grabbed, p.expireTime() - clock.getAsLong() + 3_600_000L);
        } catch (RuntimeException e) {
            throw new ImException(ErrorCode.BUSY, "Redis unavailable: " + e.getMessage(), e);
        }
    }

    /** Loads the packet's shares into Redis at send (best effort: a grab refills a missing copy). */
    public void preload(PacketRow p) {
        Map<Integer, Long> free = new LinkedHashMap<>();
        freeShares(p, List.of(), free, new HashMap<>());
        try {
            shares.load(p.id(), free, Map.of(), p.expireTime() - p.createTime() + 3_600_000L);
        } catch (RuntimeException e) {
            log.warn("Failed to pre-split a red packet into Redis (the first grab does): {packetId={}}: {}", p.id(),
                    e.toString());
        }
    }

    private boolean grabbed(long packetId, long userId) throws ImException {
        try {
            return packets.grabCommitted(packetId, userId);
        } catch (SQLException e) {
            throw new ImException(ErrorCode.BUSY, "red packet store unavailable: " + e.getMessage(), e);
        }
    }

    private List<GrabRow> grabs(long packetId) throws ImException {
        try {
            return packets.grabs(packetId);
        } catch (SQLException e) {
            throw new ImException(ErrorCode.BUSY, "red packet store unavailable: " + e.getMessage(), e);
        }
    }

    private static void freeShares(PacketRow p, List<GrabRow> grabs, Map<Integer, Long> free,
                                   Map<Long, String> grabbed) {
        long[] split = ShareSplitter.split(p.id(), p.kind(), p.totalAmount(), p.totalCount());
        for (int i = 0; i < split.length; i++) {
            free.put(i, split[i]);
        }
        for (GrabRow g : grabs) {
            free.remove(g.shareIdx());
            grabbed.put(g.userId(), RedisShares.share(g.shareIdx(), g.amount()));
        }
    }
}
