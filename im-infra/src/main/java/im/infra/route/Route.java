package im.infra.route;

/**
 * One device's place: which access node holds its connection and how to call that node.
 *
 * @param instanceId   the access node's {@code instance.id}
 * @param dubboAddress the node's Dubbo {@code host:port}, for calls addressed to it
 * @param connectionId the node-local connection id
 */
public record Route(String instanceId, String dubboAddress, long connectionId) {
    private static final char SEPARATOR = '|';

    public Route {
        if (instanceId.indexOf(SEPARATOR) >= 0 || dubboAddress.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("instanceId and dubboAddress must not contain '|'");
        }
    }

    /** The Redis value: {@code instanceId|host:port|connectionId}. */
    public String encode() {
        return instanceId + SEPARATOR + dubboAddress + SEPARATOR + connectionId;
    }

    /** The route in a Redis value, or {@code null} for null or a value this version cannot read. */
    public static Route decode(String value) {
        if (value == null) {
            return null;
        }
        int a = value.indexOf(SEPARATOR);
        int b = value.indexOf(SEPARATOR, a + 1);
        if (a <= 0 || b <= a + 1) {
            return null;
        }
        try {
            return new Route(value.substring(0, a), value.substring(a + 1, b), Long.parseLong(value.substring(b + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
