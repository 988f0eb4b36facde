package im.api.org;

import java.io.Serializable;

/**
 * What an offline-push notification names ({@link DirectoryService#pushNames}).
 *
 * @param fromName  the sender's display name, empty when unknown
 * @param groupName the group's name, empty for a single chat or an unknown group
 */
public record PushNames(String fromName, String groupName) implements Serializable {
}
