package im.api.org;

/**
 * The Redis pub/sub topic on which im-org-service announces every committed change of the
 * organisation, so that every cache of it (im-org-service's own instances, im-logic's send-check
 * cache) drops what changed. Messages are {@code u:<userId>} (a user, its departments or its
 * disabling), {@code t:<tenantId>} (anything tenant-wide: departments, visibility rules) and
 * {@code g:<groupId>} (a group's members, roles, mutes or dismissal). A subscriber that was
 * disconnected may have missed messages and must drop everything it cached.
 */
public final class OrgInvalidation {
    /** The topic name (Redis pub/sub). */
    public static final String TOPIC = "im:org:invalidate";

    private OrgInvalidation() {
    }
}
