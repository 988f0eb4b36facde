package im.infra.process;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns a process's resources and closes them in reverse order of registration, once: on
 * {@link #close()} or on SIGTERM through the shutdown hook. A failing close is logged and the rest
 * still close. Thread-safe.
 */
public final class Lifecycle implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);

    private final String processName;
    private final Deque<Named> resources = new ArrayDeque<>();
    private boolean closed;

    public Lifecycle(String processName) {
        this.processName = processName;
    }

    /** Registers {@code resource} to be closed at shutdown, before everything registered earlier. */
    public synchronized <T extends AutoCloseable> T register(String name, T resource) {
        if (closed) {
            throw new IllegalStateException(processName + " is shutting down; cannot register " + name);
        }
        resources.push(new Named(name, resource));
        return resource;
    }

    /** Closes everything when the JVM is asked to stop (SIGTERM, SIGINT, System.exit). */
    public void closeOnShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, processName + "-shutdown"));
    }

    @Override
    public void close() {
        Deque<Named> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayDeque<>(resources);
            resources.clear();
        }
        log.info("{} stopping: {} resources", processName, toClose.size());
        for (Named n : toClose) {
            try {
                n.resource.close();
            } catch (Exception e) {
                log.warn("{} failed to close {}: {}", processName, n.name, e.toString());
            }
        }
        log.info("{} stopped", processName);
    }

    private record Named(String name, AutoCloseable resource) {
    }
}
