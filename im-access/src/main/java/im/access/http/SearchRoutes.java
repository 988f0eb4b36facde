package im.access.http;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.Caller;
import im.api.search.MessageHit;
import im.api.search.MessagePage;
import im.api.search.MessageQuery;
import im.api.search.SearchCaller;
import im.api.search.SearchService;
import im.infra.dubbo.DubboNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.dubbo.rpc.RpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive search routes of PROTOCOL.md, answered by im-ext-logic's {@link SearchService}:
 * {@code GET /search/messages} (any employee: its own conversations, recalled messages excluded) and
 * {@code GET /admin/search/messages} (tenant admins: the whole tenant, recalled messages included and
 * marked, every search audited by the provider). Query parameters {@code q, convType, convId,
 * fromUserId, from, to, page, size}; every one is checked here (unknown or repeated ones are refused)
 * and the query again by the provider. Handlers run on Jetty's request threads; stateless and
 * thread-safe.
 */
final class SearchRoutes {
    private static final Logger log = LoggerFactory.getLogger(SearchRoutes.class);
    private static final Set<String> PARAMETERS = Set.of("q", "convType", "convId", "fromUserId", "from", "to",
            "page", "size");
    /** Far beyond any send time this product stores (year 2286), still exact in a JSON number. */
    private static final long MAX_TIME = 9_999_999_999_999L;
    private static final ImException UNAVAILABLE = ImException.stackless(ErrorCode.BUSY,
            "message search unavailable, retry later");
    private static final ImException PLATFORM_ADMIN = ImException.stackless(ErrorCode.FORBIDDEN,
            "the platform admin has no message archive; log in as a tenant admin");

    /** One hit; ids as strings, {@code convType} as its name. */
    record HitView(String msgId, String convType, String convId, String fromUserId, long sendTime, String text,
                   String highlight) {
    }

    /** One hit of an admin search: {@link HitView} plus whether it was recalled. */
    record AdminHitView(String msgId, String convType, String convId, String fromUserId, long sendTime, String text,
                        String highlight, boolean recalled) {
    }

    record PageView(long total, List<?> hits) {
    }

    private final DubboNode.Reference<SearchService> search;
    private final OrgClients org;
    private final BearerAuthenticator auth;

    SearchRoutes(DubboNode.Reference<SearchService> search, OrgClients org, BearerAuthenticator auth) {
        this.search = search;
        this.org = org;
        this.auth = auth;
    }

    void register(Javalin app) {
        app.get("/search/messages", this::searchOwn);
        app.get("/admin/search/messages", this::searchTenant);
    }

    private void searchOwn(Context ctx) throws Exception {
        SearchCaller caller = searchCaller(auth.authenticate(ctx.header("Authorization")));
        MessageQuery query = query(ctx);
        MessagePage page = call(() -> search.get().searchOwn(caller, query));
        ctx.json(new PageView(page.total(), page.hits().stream().map(h -> new HitView(Ids.of(h.msgId()),
                convTypeName(h), Ids.of(h.convId()), Ids.of(h.fromUserId()), h.sendTime(), h.text(),
                h.highlight())).toList()));
    }

    private void searchTenant(Context ctx) throws Exception {
        Caller caller = auth.authenticate(ctx.header("Authorization"));
        SearchCaller admin = searchCaller(caller);
        MessageQuery query = query(ctx); // a bad query is refused before the role lookup costs a call
        requireTenantAdmin(caller);
        MessagePage page = call(() -> search.get().searchTenant(admin, query));
        ctx.json(new PageView(page.total(), page.hits().stream().map(h -> new AdminHitView(Ids.of(h.msgId()),
                convTypeName(h), Ids.of(h.convId()), Ids.of(h.fromUserId()), h.sendTime(), h.text(),
                h.highlight(), h.recalled())).toList()));
    }

    private static SearchCaller searchCaller(Caller caller) throws ImException {
        if (caller.isPlatformAdmin()) {
            throw PLATFORM_ADMIN;
        }
        return new SearchCaller(caller.tenantId(), caller.userId());
    }

    /**
     * The archive provider does not know roles, so the edge asks im-org-service, as every other
     * {@code /admin} route does through its org call. There is no role query in the org contract;
     * listing the tenant's first user is the cheapest call that only a tenant admin may make
     * ({@code FORBIDDEN} for department admins and employees, {@code UNAUTHENTICATED} for a disabled
     * caller), so the answer is the organisation's own rule, never a copy of it here.
     */
    private void requireTenantAdmin(Caller caller) throws ImException {
        org.users().get().list(caller, 0, 1, 1);
    }

    /** Reads and checks the query string into a {@link MessageQuery}. */
    static MessageQuery query(Context ctx) throws ImException {
        for (Map.Entry<String, List<String>> p : ctx.queryParamMap().entrySet()) {
            if (!PARAMETERS.contains(p.getKey())) {
                String name = p.getKey();
                throw JsonRequest.bad("unknown parameter '" + (name.length() > 32 ? name.substring(0, 32) + "..."
                        : name) + "'");
            }
            if (p.getValue().size() > 1) {
                throw JsonRequest.bad(p.getKey() + " given more than once");
            }
        }
        String q = ctx.queryParam("q");
        String text = q == null ? "" : q.strip();
        if (text.isEmpty()) {
            throw JsonRequest.bad("q is required: the words to find");
        }
        if (text.codePointCount(0, text.length()) > MessageQuery.MAX_TEXT_LENGTH) {
            throw JsonRequest.bad("q must be at most " + MessageQuery.MAX_TEXT_LENGTH + " characters");
        }
        int convType = convType(ctx.queryParam("convType"));
        long convId = number(ctx, "convId", 0, Long.MAX_VALUE);
        if (convId > 0 && convType == 0) {
            throw JsonRequest.bad("convId needs convType (SINGLE or GROUP)");
        }
        long fromUserId = number(ctx, "fromUserId", 0, Long.MAX_VALUE);
        long from = number(ctx, "from", 0, MAX_TIME);
        long to = number(ctx, "to", 0, MAX_TIME);
        if (to > 0 && to <= from) {
            throw JsonRequest.bad("to must be after from (epoch millis, to exclusive)");
        }
        int page = (int) number(ctx, "page", 1, MessageQuery.MAX_WINDOW);
        int size = (int) number(ctx, "size", MessageQuery.DEFAULT_SIZE, MessageQuery.MAX_SIZE);
        if (page < 1 || size < 1) {
            throw JsonRequest.bad("page starts at 1 and size must be 1.." + MessageQuery.MAX_SIZE);
        }
        if ((long) page * size > MessageQuery.MAX_WINDOW) {
            throw JsonRequest.bad("page * size must not exceed " + MessageQuery.MAX_WINDOW + "; narrow the search");
        }
        return new MessageQuery(text, convType, convId, fromUserId, from, to, page, size);
    }

    /** PROTOCOL.md: enums are their names. Absent = any. */
    private static int convType(String name) throws ImException {
        if (name == null || name.isEmpty()) {
            return 0;
        }
        return switch (name) {
            case "SINGLE" -> 1;
            case "GROUP" -> 2;
            default -> throw JsonRequest.bad("convType must be SINGLE or GROUP");
        };
    }

    /** A parameter of decimal digits in [0, max]; absent or empty = {@code absent}. */
    private static long number(Context ctx, String name, long absent, long max) throws ImException {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return absent;
        }
        long v = JsonRequest.parseId(name, text);
        if (v > max) {
            throw JsonRequest.bad(name + " must be at most " + max);
        }
        return v;
    }

    private static String convTypeName(MessageHit h) {
        return h.convType() == 1 ? "SINGLE" : "GROUP";
    }

    private interface SearchCall {
        MessagePage run() throws ImException;
    }

    /** A Dubbo failure (no provider, timeout) is BUSY naming the search, not the org service. */
    private static MessagePage call(SearchCall call) throws ImException {
        try {
            return call.run();
        } catch (RpcException e) {
            log.warn("Failed to call im-ext-logic search: {}", e.toString());
            throw UNAVAILABLE;
        }
    }
}
