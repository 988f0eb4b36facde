package im.client.bench;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.Closeable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The measured JVM, by process id on this machine: its heap through JMX (the attach API starts its
 * local management agent, as {@code jcmd ManagementAgent.start_local} would, so the same user who
 * may run {@code jcmd} may read it), its RSS and CPU time from {@code /proc}. Every reading either
 * returns a figure or throws {@link CannotMeasureException}. Not thread-safe; one per benchmark.
 */
final class AccessJvm implements Closeable {
    /** USER_HZ on Linux: the unit of utime and stime in {@code /proc/PID/stat}. */
    static final long CLOCK_TICKS = 100;

    private final long pid;
    private final JMXConnector jmx;
    private final MemoryMXBean memory;
    private final List<MemoryPoolMXBean> pools;

    private AccessJvm(long pid, JMXConnector jmx, MemoryMXBean memory, List<MemoryPoolMXBean> pools) {
        this.pid = pid;
        this.jmx = jmx;
        this.memory = memory;
        this.pools = pools;
    }

    /** @throws CannotMeasureException when the JVM cannot be attached to or its JMX not reached */
    static AccessJvm attach(long pid) throws CannotMeasureException {
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException | IOException e) {
            throw new CannotMeasureException("Failed to attach to JVM " + pid + " (same user, a JDK?)", e);
        }
        JMXConnector jmx = null;
        try {
            jmx = JMXConnectorFactory.connect(new JMXServiceURL(address));
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(server,
                    ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
            List<MemoryPoolMXBean> pools = ManagementFactory.getPlatformMXBeans(server, MemoryPoolMXBean.class);
            return new AccessJvm(pid, jmx, memory, pools);
        } catch (IOException e) {
            closeQuietly(jmx);
            throw new CannotMeasureException("Failed to connect to the JMX agent of JVM " + pid + " at " + address, e);
        }
    }

    /** The heap in use right after a full GC ({@code System.gc()} in the measured JVM). */
    long heapAfterFullGc() throws CannotMeasureException {
        List<Measurements.Pool> readings = new ArrayList<>(pools.size());
        try {
            memory.gc();
            for (MemoryPoolMXBean p : pools) {
                MemoryUsage usage = p.isValid() ? p.getUsage() : null;
                readings.add(new Measurements.Pool(p.getName(), p.getType(), usage == null ? -1 : usage.getUsed()));
            }
        } catch (RuntimeException e) { // JMX proxies wrap the connection's IOException in an unchecked one
            throw new CannotMeasureException("Failed to read the heap of JVM " + pid, e);
        }
        return Measurements.heapUsedBytes(readings);
    }

    long rssBytes() throws CannotMeasureException {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Measurements.positive("RSS of JVM " + pid,
                            Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new CannotMeasureException("Failed to read /proc/" + pid + "/status", e);
        }
        throw new CannotMeasureException("no VmRSS in /proc/" + pid + "/status");
    }

    /** User plus system CPU time, in {@link #CLOCK_TICKS} per second. */
    long cpuTicks() throws CannotMeasureException {
        try {
            String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
            return Long.parseLong(stat[11]) + Long.parseLong(stat[12]); // utime + stime
        } catch (IOException | RuntimeException e) {
            throw new CannotMeasureException("Failed to read /proc/" + pid + "/stat", e);
        }
    }

    @Override
    public void close() {
        closeQuietly(jmx);
    }

    private static void closeQuietly(JMXConnector jmx) {
        if (jmx == null) {
            return;
        }
        try {
            jmx.close();
        } catch (IOException e) {
            // the measured JVM may be gone already; nothing is left to release on this side
        }
    }
}
