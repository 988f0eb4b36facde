package im.api.redpacket;

/**
 * The body of the transactional message {@link RedPacketChat#TOPIC}: a red packet whose global
 * transaction committed and whose chat message must be posted.
 *
 * @param expiresAt epoch millis
 */
public record RedPacketCreated(long redPacketId, long tenantId, long senderId, int convType, long convId,
                               RedPacketKind kind, int count, String greeting, long expiresAt) {
}
