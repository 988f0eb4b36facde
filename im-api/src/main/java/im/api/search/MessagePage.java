package im.api.search;

import java.io.Serializable;
import java.util.List;

/**
 * One page of search results, newest first.
 *
 * @param total the number of matching messages (exact up to 10,000, then a lower bound)
 * @param page  the page returned, from 1
 * @param size  the page size used
 * @param hits  at most {@code size} hits
 */
public record MessagePage(long total, int page, int size, List<MessageHit> hits) implements Serializable {
    public MessagePage {
        hits = List.copyOf(hits);
    }
}
