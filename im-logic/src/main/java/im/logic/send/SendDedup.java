package im.logic.send;

import im.infra.redis.LuaScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.redisson.api.RBatch;
import org.redisson.api.RBucket;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * De-duplication of sends on {@code (sender, client_msg_id)} for 24 h: the Redis string
 * {@code im:dedup:<senderId>:<clientMsgId>} holds {@code msgId:sendTime:convType:toId} from the moment
 * the message id is chosen, then {@code :seq} is appended once answered. A resend finds the claim and
 * answers the original message instead of creating one. Thread-safe.
 */
public final class SendDedup {
    static final Duration TTL = Duration.ofHours(24);

    /**
     * KEYS = the claims' keys, ARGV = the TTL in ms, then each fresh claim: stores each one whose key is
     * free and answers '' for it, else the claim found.
     */
    private static final String CLAIM_MANY = """
            local out = {}
            for i = 1, #KEYS do
              if redis.call('SET', KEYS[i], ARGV[i + 1], 'NX', 'PX', ARGV[1]) then
                out[i] = ''
              else
                out[i] = redis.call('GET', KEYS[i])
              end
            end
            return out""";

    private final RedissonClient redis;
    private final LuaScript claimMany;

    public SendDedup(RedissonClient redis) {
        this.redis = redis;
        this.claimMany = LuaScript.load(redis, CLAIM_MANY);
    }

    /** A claim on a client message id: the message it names and, once answered, the sender's seq. */
    public record Claim(long msgId, long sendTime, int convType, long toId, long seq, boolean answered) {
        String encode() {
            return msgId + ":" + sendTime + ":" + convType + ":" + toId + (answered ? ":" + seq : "");
        }

        static Claim decode(String s) {
            String[] p = s.split(":");
            boolean answered = p.length == 5;
            return new Claim(Long.parseLong(p[0]), Long.parseLong(p[1]), Integer.parseInt(p[2]), Long.parseLong(p[3]),
                    answered ? Long.parseLong(p[4]) : 0, answered);
        }
    }

    /** Claims the id for a new message; returns the existing claim instead when there is one. */
    public Claim claim(long senderId, String clientMsgId, Claim fresh) {
        RBucket<String> bucket = bucket(senderId, clientMsgId);
        if (bucket.setIfAbsent(fresh.encode(), TTL)) {
            return fresh;
        }
        String existing = bucket.get();
        return existing == null ? claim(senderId, clientMsgId, fresh) : Claim.decode(existing);
    }

    /** A claim to try in {@link #claimAll}: {@code fresh} is stored unless the id is claimed already. */
    public record Attempt(long senderId, String clientMsgId, Claim fresh) {
    }

    /**
     * {@link #claim} for many sends in one script call.
     *
     * @return per attempt, in order: its fresh claim (the identical instance) when it won, else the claim
     *         found
     */
    public List<Claim> claimAll(List<Attempt> attempts) {
        RBatch batch = redis.createBatch();
        Supplier<List<Claim>> claims = addClaimAll(batch, attempts);
        batch.execute();
        return claims.get();
    }

    /**
     * {@link #claimAll} as one command of a pipeline the caller executes (with other work).
     *
     * @return once the pipeline ran: the claims, as {@link #claimAll} returns them
     */
    public Supplier<List<Claim>> addClaimAll(RBatch batch, List<Attempt> attempts) {
        List<Object> keys = new ArrayList<>(attempts.size());
        Object[] args = new Object[attempts.size() + 1];
        args[0] = Long.toString(TTL.toMillis());
        for (int i = 0; i < attempts.size(); i++) {
            Attempt a = attempts.get(i);
            keys.add(key(a.senderId(), a.clientMsgId()));
            args[i + 1] = a.fresh().encode();
        }
        RFuture<List<Object>> found = claimMany.evalIn(batch, StringCodec.INSTANCE, RScript.ReturnType.MULTI, keys,
                args);
        return () -> {
            List<Object> r = found.toCompletableFuture().join();
            List<Claim> out = new ArrayList<>(attempts.size());
            for (int i = 0; i < attempts.size(); i++) {
                String existing = (String) r.get(i);
                out.add(existing.isEmpty() ? attempts.get(i).fresh() : Claim.decode(existing));
            }
            return out;
        };
    }

    /** Adds the answer of {@link #answered} to a pipeline the caller executes. */
    public void addAnswered(RBatch batch, long senderId, String clientMsgId, Claim claim, long seq) {
        batch.getBucket(key(senderId, clientMsgId), StringCodec.INSTANCE).setAsync(new Claim(claim.msgId(),
                claim.sendTime(), claim.convType(), claim.toId(), seq, true).encode(), TTL);
    }

    /** Records the answer so that a resend returns it. */
    public void answered(long senderId, String clientMsgId, Claim claim, long seq) {
        bucket(senderId, clientMsgId).set(new Claim(claim.msgId(), claim.sendTime(), claim.convType(), claim.toId(),
                seq, true).encode(), TTL);
    }

    /**
     * Drops a claim whose message was never written, so that a resend is written at once; a claim
     * another attempt replaced meanwhile stays.
     */
    public CompletionStage<Boolean> release(long senderId, String clientMsgId, Claim claim) {
        return bucket(senderId, clientMsgId).compareAndSetAsync(claim.encode(), null);
    }

    private RBucket<String> bucket(long senderId, String clientMsgId) {
        return redis.getBucket(key(senderId, clientMsgId), StringCodec.INSTANCE);
    }

    private static String key(long senderId, String clientMsgId) {
        return "im:dedup:" + senderId + ":" + clientMsgId;
    }
}
