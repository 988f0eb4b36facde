package im.redpacket.grab;

import java.nio.charset.StandardCharsets;

/**
 * The credit of one grab, the body of a message on {@link #TOPIC}: {@code packetId:userId:tenantId:amount}
 * as text. Its key {@code grab:<packetId>:<userId>} is also the ledger's business key.
 */
public record CreditMessage(long packetId, long userId, long tenantId, long amount) {
    /** RocketMQ topic of grab credits (transactional messages of im-redpacket, consumed by it). */
    public static final String TOPIC = "im-redpacket-credit";

    public String key() {
        return bizKey(packetId, userId);
    }

    public static String bizKey(long packetId, long userId) {
        return "grab:" + packetId + ":" + userId;
    }

    public byte[] encode() {
        return (packetId + ":" + userId + ":" + tenantId + ":" + amount).getBytes(StandardCharsets.US_ASCII);
    }

    /** @throws IllegalArgumentException for a body that is not one */
    public static CreditMessage decode(byte[] body) {
        String[] parts = new String(body, StandardCharsets.US_ASCII).split(":");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a credit message");
        }
        try {
            return new CreditMessage(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                    Long.parseLong(parts[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a credit message", e);
        }
    }
}
