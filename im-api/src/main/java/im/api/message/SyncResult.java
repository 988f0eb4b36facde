package im.api.message;

import java.io.Serializable;
import java.util.List;

/**
 * One page of a user's stream from {@link MessageService#sync}.
 *
 * @param messages the entries with seq greater than the asked one, ascending
 * @param hasMore  more entries follow: sync again from the last seq of this page
 * @param maxSeq   the highest seq assigned in the user's stream so far
 */
public record SyncResult(List<MessageEntry> messages, boolean hasMore, long maxSeq) implements Serializable {
    public SyncResult {
        messages = List.copyOf(messages);
    }
}
