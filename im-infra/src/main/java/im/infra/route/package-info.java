/**
 * Where each online device is and how to reach it. {@code im:route:<userId>:<platform>} in Redis
 * holds the access node's instance id, its Dubbo address and the connection id ({@link
 * im.infra.route.Route}): written at login (atomically returning the previous holder, who is
 * kicked), refreshed by heartbeats, removed on close, and expiring by itself when a node dies.
 * {@code im:devices:<userId>} remembers the last device per platform for offline push.
 * {@link im.infra.route.UserPusher} sends server-initiated frames to a user's online devices through
 * the access nodes that hold them.
 */
package im.infra.route;
