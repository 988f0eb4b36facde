package im.access.transport;

/** How a connection reached the node; a metrics tag and part of the connection's identity. */
public enum Transport {
    TCP("tcp"),
    WEBSOCKET("ws");

    private final String tag;

    Transport(String tag) {
        this.tag = tag;
    }

    /** The metrics tag value. */
    public String tag() {
        return tag;
    }
}
