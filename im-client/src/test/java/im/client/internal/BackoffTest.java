package im.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delays_shouldDoubleWithinJitterBounds_capAtMax_andRestartAfterReset() {
        Backoff b = new Backoff(100, 1600);
        long[] ceilings = {100, 200, 400, 800, 1600, 1600, 1600};
        for (long ceiling : ceilings) {
            assertThat(b.nextDelayMillis()).isBetween(ceiling / 2, ceiling);
        }
        b.reset();
        assertThat(b.nextDelayMillis()).isBetween(50L, 100L);
    }

    @Test
    void delays_shouldSpreadClientsOut() {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int client = 0; client < 1000; client++) {
            Backoff b = new Backoff(1000, 1000);
            long d = b.nextDelayMillis();
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertThat(max - min).as("spread of 1000 clients' first delay").isGreaterThan(400);
    }
}
