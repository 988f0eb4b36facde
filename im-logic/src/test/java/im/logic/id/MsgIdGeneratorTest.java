package im.logic.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.api.ErrorCode;
import im.api.ImException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MsgIdGeneratorTest {
    private static final long T0 = 1_750_000_000_000L;

    @Test
    void next_shouldSpreadOverEveryTable_whenOnlyOneIdIsIssuedPerMillisecond() throws ImException {
        AtomicLong clock = new AtomicLong(T0);
        MsgIdGenerator ids = new MsgIdGenerator(() -> 3, clock::get);
        Set<Long> tablesOf8 = new HashSet<>();
        Set<Long> tablesOf1024 = new HashSet<>();

        for (int i = 0; i < 1024; i++) {
            clock.addAndGet(1000); // one message a second: a per-millisecond counter would always be 0
            long id = ids.next();
            tablesOf8.add(id % 8);
            tablesOf1024.add(id % 1024);
        }

        assertThat(tablesOf8).hasSize(8);
        assertThat(tablesOf1024).hasSize(1024);
    }

    @Test
    void next_shouldBeUniqueAndOrderedByMillisecond_andCarryTimeAndWorker() throws ImException {
        AtomicLong clock = new AtomicLong(T0);
        AtomicInteger calls = new AtomicInteger();
        // The clock advances every 3000 reads: more than 4096 ids fall into some milliseconds.
        MsgIdGenerator ids = new MsgIdGenerator(() -> 517, () -> calls.incrementAndGet() % 3000 == 0
                ? clock.incrementAndGet() : clock.get());
        long previousTime = 0;
        Set<Long> seen = new HashSet<>();

        for (int i = 0; i < 50_000; i++) {
            long id = ids.next();
            assertThat(seen.add(id)).as("id %d unique", i).isTrue();
            assertThat(MsgIdGenerator.timeOf(id)).isGreaterThanOrEqualTo(previousTime).isBetween(T0, clock.get());
            assertThat(MsgIdGenerator.workerOf(id)).isEqualTo(517);
            previousTime = MsgIdGenerator.timeOf(id);
        }
    }

    @Test
    void next_shouldWaitOut_whenClockStepsBackALittle() throws ImException {
        AtomicLong clock = new AtomicLong(T0);
        AtomicInteger readsAfterStep = new AtomicInteger();
        MsgIdGenerator ids = new MsgIdGenerator(() -> 1, () -> {
            long now = clock.get();
            if (now < T0 && readsAfterStep.incrementAndGet() > 5) {
                clock.set(T0); // the clock catches up after a few reads
            }
            return clock.get();
        });
        long first = ids.next();
        clock.set(T0 - MsgIdGenerator.MAX_BACKWARD_WAIT_MS);

        long second = ids.next();

        assertThat(MsgIdGenerator.timeOf(second)).isGreaterThanOrEqualTo(MsgIdGenerator.timeOf(first));
        assertThat(second).isNotEqualTo(first);
        assertThat(readsAfterStep.get()).isGreaterThan(5);
    }

    @Test
    void next_shouldRefuseWithBusy_whenClockStepsBackFar_orLeaseIsLost() throws ImException {
        AtomicLong clock = new AtomicLong(T0);
        AtomicInteger worker = new AtomicInteger(9);
        MsgIdGenerator ids = new MsgIdGenerator(worker::get, clock::get);
        long first = ids.next();

        clock.set(T0 - 5_000);
        assertThatThrownBy(ids::next).isInstanceOfSatisfying(ImException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BUSY));

        clock.set(T0 + 1);
        assertThat(MsgIdGenerator.timeOf(ids.next())).isGreaterThan(MsgIdGenerator.timeOf(first));

        worker.set(-1);
        assertThatThrownBy(ids::next).isInstanceOfSatisfying(ImException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BUSY));
    }
}
