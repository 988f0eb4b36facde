package im.api.search;

import im.api.ImException;

/**
 * Full-text search over the message archive that im-ext-logic indexes from the message events
 * (exported in the Dubbo group {@code im-ext-logic}). Results follow the archive, which trails
 * the sends by about a second and is complete once Elasticsearch is reachable again after an
 * outage. Thread-safe.
 */
public interface SearchService {

    /**
     * An employee's search: only messages of conversations the caller was part of when the message
     * was sent (sender or recipient: its single chats and the groups it was a member of then), in the
     * caller's tenant; recalled messages are never returned.
     *
     * @throws ImException {@code BAD_REQUEST} for an invalid caller or query (the message names the
     *                     field), {@code BUSY} when the archive cannot answer now
     */
    MessagePage searchOwn(SearchCaller caller, MessageQuery query) throws ImException;

    /**
     * A tenant admin's compliance search over the caller's whole tenant, recalled messages included
     * and marked. Every call is written to the audit log (logger {@code im.audit.search}) with the
     * caller and the query before it runs. The provider does not know roles: the edge must have
     * checked that the caller is an admin of its tenant, as for every {@code /admin} route.
     *
     * @throws ImException {@code BAD_REQUEST} for an invalid caller or query, {@code BUSY} when the
     *                     archive cannot answer now
     */
    MessagePage searchTenant(SearchCaller admin, MessageQuery query) throws ImException;
}
