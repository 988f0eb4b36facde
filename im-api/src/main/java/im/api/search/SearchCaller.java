package im.api.search;

import java.io.Serializable;

/**
 * Who searches: the identity of a verified bearer token, filled by the HTTP edge, never from a
 * request body. It grants nothing by itself; see {@link SearchService} for who checks what.
 *
 * @param tenantId the caller's tenant (positive)
 * @param userId   the caller (positive)
 */
public record SearchCaller(long tenantId, long userId) implements Serializable {
}
