package im.api.org;

import im.api.ImException;

/**
 * The check im-logic makes before every send (PROTOCOL.md section 4.9): same tenant, visibility,
 * group membership, mute, disabled accounts. Answers from an in-memory cache of the organisation
 * that im-org-service invalidates on every change, so a check costs no database round trip on the
 * hot path; refusals are stackless exceptions.
 */
public interface AuthorizationService {

    /** {@code convType} of a 1:1 chat ({@code im.api.protocol.ConvType.SINGLE}). */
    int CONV_SINGLE = 1;
    /** {@code convType} of a group chat ({@code im.api.protocol.ConvType.GROUP}). */
    int CONV_GROUP = 2;

    /**
     * May {@code senderId} of {@code tenantId} send to {@code targetId}?
     *
     * @param convType {@link #CONV_SINGLE} (target is a user) or {@link #CONV_GROUP} (a group)
     * @throws ImException {@code BAD_REQUEST} for another conv type or a message to oneself,
     *                     {@code UNAUTHENTICATED} when the sender is unknown, disabled or not of
     *                     {@code tenantId}, {@code NOT_FOUND} for an unknown (or dismissed) target,
     *                     {@code FORBIDDEN} for another tenant's target, a hidden peer or a group
     *                     the sender is not in, {@code MUTED} for a muted group member
     */
    SendGrant authorizeSend(long tenantId, long senderId, int convType, long targetId) throws ImException;
}
