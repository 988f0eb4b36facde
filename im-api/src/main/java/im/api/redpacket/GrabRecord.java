package im.api.redpacket;

import java.io.Serializable;

/**
 * One grab of a red packet.
 *
 * @param userId the grabber
 * @param amount cents
 * @param time   epoch millis
 */
public record GrabRecord(long userId, long amount, long time) implements Serializable {
}
