/**
 * Group membership events from im-org-service ({@code im-group-event}) as {@code GROUP_EVENT} entries
 * of the members' streams, through the same durable per-conversation fan-out as the group's messages.
 */
package im.logic.group;
