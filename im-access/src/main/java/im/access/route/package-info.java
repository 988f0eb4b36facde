/**
 * Where each online device is: {@code im:route:<userId>:<platform>} in Redis holds the access node's
 * instance id, its Dubbo address and the connection id ({@link im.access.route.Route}). Written at
 * login (atomically returning the previous holder, who is kicked), refreshed by heartbeats, removed
 * on close, and expiring by itself when a node dies.
 */
package im.access.route;
