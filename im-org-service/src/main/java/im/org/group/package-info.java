/**
 * Groups: owner, admins, members up to 10,000, mute, dismiss. Membership changes are serialized
 * per group by locking its row, bump the group's version, and are published as
 * {@link im.api.org.GroupEvent}s after commit ({@link im.org.group.GroupEventPublisher}).
 */
package im.org.group;
