package im.extlogic.search;

import im.api.search.MessageQuery;
import im.api.search.SearchCaller;
import im.infra.json.JsonText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compliance trail of admin searches: one line per search on the logger {@code im.audit.search},
 * written before the search runs (a failed search is still an attempt to look), so that operators
 * can route it to its own file or collector in logback. The query text is quoted with escapes so a
 * crafted query cannot forge a second audit line.
 */
public final class SearchAudit {
    /** The logger name operators route; part of the operations contract. */
    public static final String LOGGER = "im.audit.search";
    private static final Logger audit = LoggerFactory.getLogger(LOGGER);

    public void adminSearch(SearchCaller admin, MessageQuery q) {
        audit.info("admin search: {tenantId={}, userId={}, q={}, convType={}, convId={}, fromUserId={}, from={}, "
                        + "to={}, page={}, size={}}", admin.tenantId(), admin.userId(), quote(q.text()), q.convType(),
                q.convId(), q.fromUserId(), q.fromTime(), q.toTime(), q.page(), q.size());
    }

    static String quote(String text) {
        return text == null ? "null" : JsonText.quote(text);
    }
}
