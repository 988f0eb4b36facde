package im.infra.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.Codec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lua script run by its SHA1 ({@code EVALSHA}) instead of its text: the hot pipelines of the send
 * path queue several scripts per message, and sending and encoding the script text each time cost
 * Redisson more CPU than the commands themselves (Redisson's own script cache does not apply inside
 * an {@link RBatch}).
 *
 * <p>The script is loaded when it is created and again whenever Redis answers {@code NOSCRIPT} (a
 * restarted or failed-over Redis has an empty script cache). A command refused with {@code NOSCRIPT}
 * did nothing, and its pipeline fails like any other Redis failure: the callers' failure handling
 * applies (a refused send is answered {@code BUSY} and resent), and the next pipeline finds the script
 * loaded. Thread-safe.
 */
public final class LuaScript {
    private static final Logger log = LoggerFactory.getLogger(LuaScript.class);

    private final RedissonClient redis;
    private final String text;
    private final String sha;

    private LuaScript(RedissonClient redis, String text) {
        this.redis = redis;
        this.text = text;
        this.sha = sha1(text);
    }

    /** The script, loaded into Redis now when Redis answers (else on its first {@code NOSCRIPT}). */
    public static LuaScript load(RedissonClient redis, String text) {
        LuaScript script = new LuaScript(redis, text);
        try {
            script.loadNow();
        } catch (RuntimeException e) {
            log.warn("Failed to load a Lua script into Redis, loading it on first use: {}", e.toString());
        }
        return script;
    }

    /**
     * The script, not loaded until Redis first answers {@code NOSCRIPT} for it: what every script is
     * after a Redis restart, so tests of the reload path start here.
     */
    public static LuaScript unloaded(RedissonClient redis, String text) {
        return new LuaScript(redis, text);
    }

    /** Queues the script in {@code batch} by its SHA1. */
    public <R> RFuture<R> evalIn(RBatch batch, Codec codec, RScript.ReturnType type, List<Object> keys,
                                 Object... args) {
        RFuture<R> result = batch.getScript(codec).evalShaAsync(RScript.Mode.READ_WRITE, sha, type, keys, args);
        result.whenComplete((r, e) -> reloadOnNoScript(e));
        return result;
    }

    /** Runs the script alone, by its SHA1, blocking. */
    public <R> R eval(Codec codec, RScript.ReturnType type, List<Object> keys, Object... args) {
        try {
            return redis.getScript(codec).evalSha(RScript.Mode.READ_WRITE, sha, type, keys, args);
        } catch (RuntimeException e) {
            reloadOnNoScript(e);
            throw e;
        }
    }

    public String sha() {
        return sha;
    }

    /** True when {@code e} (or a cause) is Redis answering {@code NOSCRIPT}. */
    public static boolean isNoScript(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("NOSCRIPT")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private void reloadOnNoScript(Throwable e) {
        if (e == null || !isNoScript(e)) {
            return;
        }
        log.warn("Redis lost a Lua script (restart or failover), loading it again: {}", sha);
        redis.getScript().scriptLoadAsync(text).whenComplete((loaded, failure) -> {
            if (failure != null) {
                log.warn("Failed to load a Lua script into Redis again: {}", failure.toString());
            }
        });
    }

    private void loadNow() {
        String loaded = redis.getScript().scriptLoad(text);
        if (!sha.equals(loaded)) {
            throw new IllegalStateException("Redis hashed a script to " + loaded + ", expected " + sha);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
