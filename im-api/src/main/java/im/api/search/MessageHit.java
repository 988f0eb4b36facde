package im.api.search;

import java.io.Serializable;

/**
 * One archived message found by a search.
 *
 * @param msgId      the message
 * @param convType   1 SINGLE, 2 GROUP
 * @param convId     GROUP: the group. SINGLE: in an employee search the other user as seen from the
 *                   caller; in an admin search the recipient
 * @param fromUserId the sender
 * @param sendTime   epoch millis
 * @param text       the whole text (kept for admins also when recalled)
 * @param highlight  fragments of the text around the matches, matches wrapped in {@code <em>..</em>}
 *                   (the text is HTML-escaped first); empty when nothing could be highlighted
 * @param recalled   the message was recalled (only admin searches return recalled messages)
 */
public record MessageHit(long msgId, int convType, long convId, long fromUserId, long sendTime, String text,
                         String highlight, boolean recalled) implements Serializable {
}
