package im.api.org;

import java.io.Serializable;

/**
 * Permission to send one message, from {@link AuthorizationService#authorizeSend}.
 *
 * @param tenantId     the sender's tenant
 * @param senderId     the sender
 * @param convType     {@code im.api.protocol.ConvType} number: 1 SINGLE, 2 GROUP
 * @param targetId     the peer user (SINGLE) or the group (GROUP)
 * @param groupVersion GROUP: the membership version the check saw (compare with
 *                     {@link GroupMembers#version()}); SINGLE: 0
 * @param privileged   the sender may recall anyone's message in this conversation at any time
 *                     (group owner or admin, or tenant admin)
 */
public record SendGrant(long tenantId, long senderId, int convType, long targetId, long groupVersion,
                        boolean privileged) implements Serializable {
}
