package im.client.bench;

import static java.lang.management.MemoryType.HEAP;
import static java.lang.management.MemoryType.NON_HEAP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.client.bench.Measurements.Pool;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The checks between the access JVM's readings and the idle benchmark's figures. */
class MeasurementsTest {

    /** The pools of each collector after a full GC, as JDK 17 names them; the young ones are empty. */
    static Stream<Arguments> collectors() {
        return Stream.of(
                Arguments.of("Serial", List.of(new Pool("Eden Space", HEAP, 0), new Pool("Survivor Space", HEAP, 0),
                        new Pool("Tenured Gen", HEAP, 30L << 20), new Pool("Metaspace", NON_HEAP, 50L << 20))),
                Arguments.of("G1", List.of(new Pool("G1 Eden Space", HEAP, 0),
                        new Pool("G1 Old Gen", HEAP, 30L << 20), new Pool("G1 Survivor Space", HEAP, 0),
                        new Pool("CodeHeap 'non-nmethods'", NON_HEAP, 1 << 20))),
                Arguments.of("Parallel", List.of(new Pool("PS Eden Space", HEAP, 0),
                        new Pool("PS Survivor Space", HEAP, 0), new Pool("PS Old Gen", HEAP, 30L << 20))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("collectors")
    void heapUsedBytes_shouldSumEveryHeapPoolAndNoOther_forEachCollector(String collector, List<Pool> pools)
            throws CannotMeasureException {
        assertThat(Measurements.heapUsedBytes(pools)).isEqualTo(30L << 20);
    }

    @Test
    void heapUsedBytes_shouldCountTheYoungGeneration_whenItIsNotEmpty() throws CannotMeasureException {
        assertThat(Measurements.heapUsedBytes(List.of(new Pool("Eden Space", HEAP, 1024),
                new Pool("Tenured Gen", HEAP, 4096)))).isEqualTo(5120);
    }

    @Test
    void heapUsedBytes_shouldRefuse_whenThereIsNoHeapPool() {
        assertThatThrownBy(() -> Measurements.heapUsedBytes(List.of(new Pool("Metaspace", NON_HEAP, 1 << 20))))
                .isInstanceOf(CannotMeasureException.class).hasMessage("no heap memory pool among 1 pools");
        assertThatThrownBy(() -> Measurements.heapUsedBytes(List.of())).isInstanceOf(CannotMeasureException.class);
    }

    @Test
    void heapUsedBytes_shouldRefuse_whenTheHeapReadsAsEmptyOrAPoolHasNoUsage() {
        assertThatThrownBy(() -> Measurements.heapUsedBytes(List.of(new Pool("Eden Space", HEAP, 0),
                new Pool("Tenured Gen", HEAP, 0)))).isInstanceOf(CannotMeasureException.class)
                .hasMessage("heap in use read as 0");
        assertThatThrownBy(() -> Measurements.heapUsedBytes(List.of(new Pool("Tenured Gen", HEAP, 4096),
                new Pool("Eden Space", HEAP, -1)))).isInstanceOf(CannotMeasureException.class)
                .hasMessage("heap pool Eden Space reports no usage");
    }

    @Test
    void heapUsedBytes_shouldReadThisJvm() throws CannotMeasureException {
        List<Pool> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .map((MemoryPoolMXBean p) -> new Pool(p.getName(), p.getType(), p.getUsage().getUsed())).toList();

        assertThat(Measurements.heapUsedBytes(pools)).isPositive();
    }

    @Test
    void perConnection_shouldDivideTheGrowth() throws CannotMeasureException {
        assertThat(Measurements.perConnection("heap", 10_000, 30_000, 10)).isEqualTo(2_000.0);
    }

    @Test
    void perConnection_shouldRefuse_whenTheFigureDidNotGrowOrNobodyLoggedIn() {
        // the run that printed "-0 bytes per connection": the heap read 1 KiB less with connections held
        assertThatThrownBy(() -> Measurements.perConnection("heap after full GC", 1024, 0, 5_000))
                .isInstanceOf(CannotMeasureException.class)
                .hasMessage("heap after full GC per connection: 1024 -> 0 bytes with 5000 connections,"
                        + " no growth to divide");
        assertThatThrownBy(() -> Measurements.perConnection("RSS", 5, 5, 10))
                .isInstanceOf(CannotMeasureException.class);
        assertThatThrownBy(() -> Measurements.perConnection("RSS", 5, 50, 0))
                .isInstanceOf(CannotMeasureException.class).hasMessage("RSS per connection: no connection logged in");
    }

    @Test
    void positive_shouldPassAPositiveValue_andRefuseZero() throws CannotMeasureException {
        assertThat(Measurements.positive("CPU ticks", 3)).isEqualTo(3);
        assertThatThrownBy(() -> Measurements.positive("CPU ticks", 0)).isInstanceOf(CannotMeasureException.class)
                .hasMessage("CPU ticks read as 0");
    }
}
