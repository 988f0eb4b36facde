package im.api.ping;

import java.io.Serializable;
import java.util.List;

/**
 * The answer to {@link PingService#ping}.
 *
 * @param service    the service name, e.g. {@code im-logic}
 * @param instanceId this process's instance id, unique among the running instances of the service
 * @param pid        the operating-system process id, so a test can tell processes apart
 * @param startedAt  epoch millis when the process started
 * @param downstream one line per service this one calls, each {@code name=ok pid=N} or
 *                   {@code name=DOWN reason}, from a real call made while answering
 */
public record Pong(String service, String instanceId, long pid, long startedAt, List<String> downstream)
        implements Serializable {
    public Pong {
        downstream = List.copyOf(downstream);
    }
}
