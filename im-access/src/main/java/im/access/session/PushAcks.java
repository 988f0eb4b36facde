package im.access.session;

/**
 * What the session tells the push side: acknowledgements and closed connections. Implemented by
 * {@code im.access.push.PushDelivery}; called on the connection's event loop.
 */
public interface PushAcks {
    /** A cumulative {@code MSG_ACK}: the client holds every entry with seq <= maxSeq. */
    void acked(Connection connection, long maxSeq);

    /** The connection closed: its unacknowledged pushes are undelivered. */
    void closed(Connection connection);
}
