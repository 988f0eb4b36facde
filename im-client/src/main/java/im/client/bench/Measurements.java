package im.client.bench;

import java.lang.management.MemoryType;
import java.util.List;

/**
 * The checks between a reading and a printed figure: a figure is printed only if it is one a real
 * measurement can give, otherwise {@link CannotMeasureException} says which and why.
 */
final class Measurements {

    /** One memory pool of the measured JVM as JMX reports it ({@code MemoryPoolMXBean}). */
    record Pool(String name, MemoryType type, long usedBytes) {
    }

    private Measurements() {
    }

    /**
     * The heap in use: the sum over every heap pool, which holds for any collector (Serial's eden,
     * survivor and tenured generation, G1's and Parallel's eden, survivor and old spaces). Reading one
     * generation is not enough: after a full GC, Serial's young generation is empty.
     *
     * @throws CannotMeasureException when there is no heap pool, a pool has no usage, or the sum is not
     *                                positive
     */
    static long heapUsedBytes(List<Pool> pools) throws CannotMeasureException {
        long sum = 0;
        int heapPools = 0;
        for (Pool p : pools) {
            if (p.type() != MemoryType.HEAP) {
                continue;
            }
            if (p.usedBytes() < 0) {
                throw new CannotMeasureException("heap pool " + p.name() + " reports no usage");
            }
            heapPools++;
            sum += p.usedBytes();
        }
        if (heapPools == 0) {
            throw new CannotMeasureException("no heap memory pool among " + pools.size() + " pools");
        }
        return positive("heap in use", sum);
    }

    /**
     * What each of {@code connections} costs when a figure went from {@code before} to {@code after}.
     *
     * @throws CannotMeasureException when no connection was made or the figure did not grow: the
     *                                difference is then noise or a misreading, not a cost
     */
    static double perConnection(String figure, long before, long after, int connections)
            throws CannotMeasureException {
        if (connections <= 0) {
            throw new CannotMeasureException(figure + " per connection: no connection logged in");
        }
        if (after <= before) {
            throw new CannotMeasureException(figure + " per connection: " + before + " -> " + after
                    + " bytes with " + connections + " connections, no growth to divide");
        }
        return (after - before) / (double) connections;
    }

    /** @throws CannotMeasureException naming {@code figure} unless {@code value} is above 0 */
    static long positive(String figure, long value) throws CannotMeasureException {
        if (value <= 0) {
            throw new CannotMeasureException(figure + " read as " + value);
        }
        return value;
    }
}
