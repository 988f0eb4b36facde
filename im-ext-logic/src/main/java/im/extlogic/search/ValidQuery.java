package im.extlogic.search;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.search.MessageQuery;
import im.api.search.SearchCaller;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link MessageQuery} that passed validation, with defaults applied and the text split into the
 * phrases to match (whitespace-separated pieces; each is matched as a phrase, so a run of CJK
 * characters, which the standard analyzer splits into single characters, must appear in order).
 */
record ValidQuery(List<String> phrases, int convType, long convId, long fromUserId, long fromTime, long toTime,
                  int page, int size) {
    /** More pieces than this is not a search; it would only make a slow query. */
    static final int MAX_PHRASES = 10;

    /** @throws ImException BAD_REQUEST naming the offending field */
    static ValidQuery of(SearchCaller caller, MessageQuery q) throws ImException {
        if (caller == null || caller.tenantId() <= 0 || caller.userId() <= 0) {
            throw bad("caller must name a positive tenantId and userId");
        }
        if (q == null) {
            throw bad("query is required");
        }
        String text = q.text() == null ? "" : q.text().strip();
        if (text.isEmpty()) {
            throw bad("q must not be empty");
        }
        if (text.length() > MessageQuery.MAX_TEXT_LENGTH) {
            throw bad("q is longer than " + MessageQuery.MAX_TEXT_LENGTH + " characters");
        }
        List<String> phrases = Arrays.stream(text.split("\\s+")).distinct().toList();
        if (phrases.size() > MAX_PHRASES) {
            throw bad("q has more than " + MAX_PHRASES + " words");
        }
        if (q.convType() < 0 || q.convType() > 2) {
            throw bad("convType must be SINGLE (1) or GROUP (2)");
        }
        if (q.convId() < 0 || q.fromUserId() < 0 || q.fromTime() < 0 || q.toTime() < 0) {
            throw bad("convId, fromUserId, from and to must not be negative");
        }
        if (q.convId() > 0 && q.convType() == 0) {
            throw bad("convType is required with convId");
        }
        if (q.toTime() > 0 && q.toTime() <= q.fromTime()) {
            throw bad("to must be after from");
        }
        int page = q.page() == 0 ? 1 : q.page();
        int size = q.size() == 0 ? MessageQuery.DEFAULT_SIZE : q.size();
        if (page < 1) {
            throw bad("page starts at 1");
        }
        if (size < 1 || size > MessageQuery.MAX_SIZE) {
            throw bad("size must be 1.." + MessageQuery.MAX_SIZE);
        }
        if ((long) page * size > MessageQuery.MAX_WINDOW) {
            throw bad("page * size must not exceed " + MessageQuery.MAX_WINDOW + "; narrow the search instead");
        }
        return new ValidQuery(phrases, q.convType(), q.convId(), q.fromUserId(), q.fromTime(), q.toTime(), page,
                size);
    }

    private static ImException bad(String message) {
        return ImException.stackless(ErrorCode.BAD_REQUEST, message);
    }
}
