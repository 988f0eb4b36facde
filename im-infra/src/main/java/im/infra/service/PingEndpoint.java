package im.infra.service;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.ping.PingService;
import im.api.ping.Pong;
import im.infra.config.CommonSettings;
import im.infra.dubbo.DubboNode;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link PingService} of one process: who it is, and a live ping of each service it calls. */
final class PingEndpoint implements PingService {
    private final CommonSettings settings;
    private final Map<String, DubboNode.Reference<PingService>> downstream;
    private final long startedAt = ManagementFactory.getRuntimeMXBean().getStartTime();

    PingEndpoint(CommonSettings settings, Map<String, DubboNode.Reference<PingService>> downstream) {
        this.settings = settings;
        this.downstream = Map.copyOf(downstream);
    }

    @Override
    public Pong ping(String caller) throws ImException {
        if (caller == null || caller.isBlank() || caller.length() > 64) {
            throw new ImException(ErrorCode.BAD_REQUEST, "caller must be 1..64 characters");
        }
        List<String> lines = new ArrayList<>();
        downstream.forEach((name, reference) -> {
            try {
                Pong pong = reference.get().ping(settings.serviceName());
                lines.add(name + "=ok pid=" + pong.pid() + " instance=" + pong.instanceId());
            } catch (Exception e) {
                lines.add(name + "=DOWN " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
            }
        });
        return new Pong(settings.serviceName(), settings.instanceId(), ProcessHandle.current().pid(), startedAt, lines);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
