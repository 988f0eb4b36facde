package im.access.http;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.dubbo.rpc.RpcException;

/**
 * Names the service a failed Dubbo call went to, for the log line and the answer of the HTTP edge:
 * Dubbo's messages name the interface ("No provider available ... for service im.api.org.UserService",
 * a timeout's "interface=im.api.search.SearchService"), and each {@code im.api} package belongs to one
 * service. Which call failed is not otherwise known to the edge's one exception handler.
 */
final class RpcFailures {
    static final String UNKNOWN = "a backend service";

    private static final Pattern INTERFACE = Pattern.compile("\\bim\\.api\\.([a-z]+)\\.[A-Z]\\w*");
    private static final Map<String, String> SERVICE_BY_PACKAGE = Map.of(
            "org", "im-org-service",
            "search", "im-ext-logic",
            "redpacket", "im-redpacket",
            "message", "im-logic",
            "receipt", "im-receipt-service",
            "access", "im-access");

    private RpcFailures() {
    }

    /** The service {@code e} says it called, or {@value #UNKNOWN}. */
    static String serviceOf(RpcException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message == null) {
                continue;
            }
            Matcher m = INTERFACE.matcher(message);
            while (m.find()) {
                String service = SERVICE_BY_PACKAGE.get(m.group(1));
                if (service != null) {
                    return service;
                }
            }
        }
        return UNKNOWN;
    }
}
