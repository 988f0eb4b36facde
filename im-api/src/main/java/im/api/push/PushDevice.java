package im.api.push;

import java.io.Serializable;

/**
 * A device of the recipient that should be told about a message it has not received.
 *
 * @param deviceId the device id of its last login (1..128 characters)
 * @param platform {@code im.api.protocol.Platform} number: 1 DESKTOP, 2 MOBILE, 3 WEB
 */
public record PushDevice(String deviceId, int platform) implements Serializable {
}
