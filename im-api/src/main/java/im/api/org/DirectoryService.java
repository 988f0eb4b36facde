package im.api.org;

import im.api.ImException;
import java.util.List;

/**
 * The employee directory of a tenant as a plain user reads it: the department tree, the members of
 * a department, search by name or account prefix, profiles by id. Every answer applies the
 * visibility rules exactly as a send does ({@link AuthorizationService}): a user the caller may not
 * message is not in any answer, a department whose members the caller may not see is not listed and
 * counts nowhere. Served from im-org-service's memory (one snapshot per tenant, dropped on every
 * change of the tenant's users or departments).
 */
public interface DirectoryService {
    /** The most ids of one {@link #profiles} call. */
    int MAX_BATCH = 200;
    /** The largest page. */
    int MAX_PAGE_SIZE = 100;
    /** The longest search query, in code points. */
    int MAX_QUERY = 64;

    /**
     * The caller's own profile.
     *
     * @throws ImException {@code FORBIDDEN} for the platform admin (it has no profile)
     */
    UserProfile me(Caller caller) throws ImException;

    /**
     * Profiles of the given users, in the order asked; ids of unknown users and of users hidden from
     * the caller are left out (one answer for both, so ids do not reveal hidden users).
     *
     * @param userIds 1..{@link #MAX_BATCH} distinct positive ids
     * @throws ImException {@code BAD_REQUEST} for bad ids, {@code FORBIDDEN} when one of them is a user
     *                     of another tenant
     */
    List<UserProfile> profiles(Caller caller, List<Long> userIds) throws ImException;

    /**
     * The sub-departments of {@code parentId} (0: the top-level departments) that the caller may see,
     * by name.
     *
     * @throws ImException {@code NOT_FOUND} for an unknown department or one hidden from the caller
     */
    List<DirectoryDepartment> departments(Caller caller, long parentId) throws ImException;

    /**
     * A page of the enabled direct members of a department the caller may see, by name.
     *
     * @param page from 1
     * @param size 1..{@link #MAX_PAGE_SIZE}
     * @throws ImException {@code BAD_REQUEST} for a bad page, {@code NOT_FOUND} for an unknown or hidden
     *                     department
     */
    DirectoryPage members(Caller caller, long departmentId, int page, int size) throws ImException;

    /**
     * Enabled users whose name or account starts with {@code query} (case-insensitive; CJK and any
     * other script as written), by name, that the caller may see.
     *
     * @param query 1..{@link #MAX_QUERY} code points, not blank
     * @throws ImException {@code BAD_REQUEST} for a bad query or page
     */
    DirectoryPage search(Caller caller, String query, int page, int size) throws ImException;

    /**
     * The names an offline-push notification shows: the sender's display name and, for a group
     * message, the group's name. Internal (im-logic's offline push): no caller check; empty strings
     * for what is unknown.
     *
     * @param groupId the group, or 0 for a single chat
     */
    PushNames pushNames(long fromUserId, long groupId) throws ImException;
}
