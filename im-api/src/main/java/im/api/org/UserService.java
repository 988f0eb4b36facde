package im.api.org;

import im.api.ImException;
import java.util.List;

/** Employees of a tenant, in zero or more departments. */
public interface UserService {

    /**
     * Creates an employee. A department admin may create users only in departments of its subtree
     * (and at least one).
     *
     * @param account       1..64 of {@code [A-Za-z0-9._@-]}, unique in the tenant
     * @param password      8..72 characters
     * @param name          1..64 characters
     * @param departmentIds 0..20 existing departments of the tenant
     * @throws ImException {@code BAD_REQUEST} for invalid input or a taken account, {@code NOT_FOUND}
     *                     for an unknown department, {@code FORBIDDEN} outside the caller's scope
     */
    long create(Caller caller, String account, String password, String name, List<Long> departmentIds)
            throws ImException;

    /**
     * Updates name, departments or the disabled flag. Disabling revokes every token of the user at
     * once (a gateway refuses them from then on).
     *
     * @throws ImException {@code NOT_FOUND} for an unknown user of the tenant, {@code FORBIDDEN}
     *                     outside the caller's scope
     */
    void update(Caller caller, long userId, UserPatch patch) throws ImException;

    /** Largest page of {@link #list}. */
    int MAX_PAGE_SIZE = 100;

    /**
     * A page of the users in the caller's scope, by id: the whole tenant (tenant admin,
     * {@code departmentId} 0) or the subtree of {@code departmentId}. Pages stay fast at 100,000
     * users (one index range per page).
     *
     * @param page from 1
     * @param size 1..{@link #MAX_PAGE_SIZE}
     * @throws ImException {@code BAD_REQUEST} for a bad page or size, {@code NOT_FOUND} for an
     *                     unknown department, {@code FORBIDDEN} outside the caller's scope
     */
    UserPage list(Caller caller, long departmentId, int page, int size) throws ImException;
}
