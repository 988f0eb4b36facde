package im.api.search;

import java.io.Serializable;

/**
 * A search over the message archive; zero (or null for {@code text}) means "no filter" for every
 * field but {@code text}, which is required. Validated by the provider: a bad query is answered
 * with {@code BAD_REQUEST} naming the field.
 *
 * @param text       the words to find, 1..{@link #MAX_TEXT_LENGTH} characters after trimming;
 *                   Latin words match as words, a run of CJK characters matches as a phrase
 * @param convType   0 any, 1 SINGLE, 2 GROUP; required when {@code convId} is set
 * @param convId     SINGLE: the other user (employee search) or a participant (admin search);
 *                   GROUP: the group; 0 any
 * @param fromUserId only messages from this sender; 0 any
 * @param fromTime   only messages sent at or after this epoch millis; 0 unbounded
 * @param toTime     only messages sent before this epoch millis; 0 unbounded
 * @param page       from 1; 0 means 1
 * @param size       1..{@link #MAX_SIZE}; 0 means {@link #DEFAULT_SIZE}
 */
public record MessageQuery(String text, int convType, long convId, long fromUserId, long fromTime, long toTime,
                           int page, int size) implements Serializable {
    /** PROTOCOL.md: paging is {@code size} default 20. */
    public static final int DEFAULT_SIZE = 20;
    /** PROTOCOL.md: paging is {@code size} max 100. */
    public static final int MAX_SIZE = 100;
    /** Longer input is not a search but a paste; it would only make a slow query. */
    public static final int MAX_TEXT_LENGTH = 200;
    /**
     * Elasticsearch refuses {@code from + size} beyond 10,000 ({@code index.max_result_window});
     * deeper pages are refused here with BAD_REQUEST instead of failing there.
     */
    public static final int MAX_WINDOW = 10_000;

    /** A query for {@code text} over everything, first page, default size. */
    public static MessageQuery of(String text) {
        return new MessageQuery(text, 0, 0L, 0L, 0L, 0L, 1, DEFAULT_SIZE);
    }
}
