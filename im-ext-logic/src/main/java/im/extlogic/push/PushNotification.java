package im.extlogic.push;

import static im.infra.json.JsonText.quote;

import im.api.push.PushDevice;
import java.util.List;

/**
 * One notification to one user's devices, possibly standing for several messages.
 *
 * @param id       stable across retries ({@code userId-oldestMsgId}): the provider's idempotency key,
 *                 so a retry after a lost answer can be recognised by the receiver
 * @param tenantId the user's tenant
 * @param userId   the recipient
 * @param devices  the mobile devices to notify
 * @param title    e.g. the sender's name
 * @param body     e.g. "3 new messages from Zhang San" or the preview of a single message
 * @param count    how many messages it stands for
 * @param msgIds   those messages (at most {@link PushMerger#MAX_IDS}), oldest first
 */
public record PushNotification(String id, long tenantId, long userId, List<PushDevice> devices, String title,
                               String body, int count, List<Long> msgIds) {
    public PushNotification {
        devices = List.copyOf(devices);
        msgIds = List.copyOf(msgIds);
    }

    /** The JSON body the webhook receives and the dead-letter topic keeps. */
    public String toJson() {
        StringBuilder out = new StringBuilder(256).append('{');
        out.append("\"id\":").append(quote(id));
        out.append(",\"tenantId\":\"").append(tenantId).append('"');
        out.append(",\"userId\":\"").append(userId).append('"');
        out.append(",\"devices\":[");
        for (int i = 0; i < devices.size(); i++) {
            out.append(i == 0 ? "" : ",").append("{\"deviceId\":").append(quote(devices.get(i).deviceId()))
                    .append(",\"platform\":").append(devices.get(i).platform()).append('}');
        }
        out.append("],\"title\":").append(quote(title));
        out.append(",\"body\":").append(quote(body));
        out.append(",\"count\":").append(count);
        out.append(",\"msgIds\":[");
        for (int i = 0; i < msgIds.size(); i++) {
            out.append(i == 0 ? "" : ",").append('"').append(msgIds.get(i)).append('"');
        }
        return out.append("]}").toString();
    }
}
