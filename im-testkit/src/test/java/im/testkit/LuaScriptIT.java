package im.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.infra.redis.LuaScript;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** Scripts by SHA1 in pipelines, with the stack's namespace on their keys, and after Redis lost them. */
@ExtendWith(StackExtension.class)
class LuaScriptIT {

    @Test
    void evalIn_shouldRunTheScriptBySha_onNamespacedKeys(Stack stack) {
        RedissonClient redis = stack.redisson();
        String key = "im:test:lua:" + UUID.randomUUID();
        LuaScript script = LuaScript.load(redis,
                "redis.call('SET', KEYS[1], ARGV[1]) return redis.call('GET', KEYS[1]) -- " + UUID.randomUUID());

        RBatch batch = redis.createBatch();
        script.evalIn(batch, StringCodec.INSTANCE, RScript.ReturnType.VALUE, List.of(key), "v1");
        List<?> responses = batch.execute().getResponses();

        assertThat(responses).isEqualTo(List.of("v1"));
        assertThat(redis.getBucket(key, StringCodec.INSTANCE).get()).as("read through the namespace").isEqualTo("v1");
        redis.getBucket(key).delete();
    }

    @Test
    void aScriptRedisDoesNotHave_shouldFailItsPipelineOnce_thenBeLoadedAgain(Stack stack) {
        RedissonClient redis = stack.redisson();
        String key = "im:test:lua:" + UUID.randomUUID();
        LuaScript script = LuaScript.unloaded(redis,
                "return redis.call('INCR', KEYS[1]) -- " + UUID.randomUUID());

        RBatch first = redis.createBatch();
        script.evalIn(first, StringCodec.INSTANCE, RScript.ReturnType.INTEGER, List.of(key));
        assertThatThrownBy(first::execute).satisfies(e -> assertThat(LuaScript.isNoScript(e)).isTrue());
        assertThat(redis.getBucket(key).isExists()).as("a NOSCRIPT command did nothing").isFalse();

        // the reload runs in the background: a pipeline shortly after finds the script
        List<?> responses = null;
        for (int attempt = 0; attempt < 100 && responses == null; attempt++) {
            RBatch again = redis.createBatch();
            script.evalIn(again, StringCodec.INSTANCE, RScript.ReturnType.INTEGER, List.of(key));
            try {
                responses = again.execute().getResponses();
            } catch (RuntimeException e) {
                assertThat(LuaScript.isNoScript(e)).as("only NOSCRIPT until loaded: " + e).isTrue();
                sleep(Duration.ofMillis(50));
            }
        }
        assertThat(responses).as("loaded again after NOSCRIPT").isEqualTo(List.of(1L));
        redis.getBucket(key).delete();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
