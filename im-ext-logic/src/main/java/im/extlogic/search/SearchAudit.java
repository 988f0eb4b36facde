package im.extlogic.search;

import im.api.search.MessageQuery;
import im.api.search.SearchCaller;
import im.infra.audit.AuditLog;

/**
 * The compliance trail of admin searches: one line per search on the logger {@code im.audit.search},
 * written before the search runs (a failed search is still an attempt to look), so that operators
 * can route it to its own file or collector in logback. Fields are escaped by {@link AuditLog}, so a
 * crafted query cannot forge a second audit line.
 */
public final class SearchAudit {
    /** The logger name operators route; part of the operations contract. */
    public static final String LOGGER = AuditLog.PREFIX + "search";
    private static final AuditLog audit = AuditLog.of("search");

    public void adminSearch(SearchCaller admin, MessageQuery q) {
        audit.write("admin search", "tenantId", admin.tenantId(), "userId", admin.userId(), "q", q.text(),
                "convType", q.convType(), "convId", q.convId(), "fromUserId", q.fromUserId(), "from", q.fromTime(),
                "to", q.toTime(), "page", q.page(), "size", q.size());
    }
}
