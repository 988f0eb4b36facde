/**
 * The node's load in ZooKeeper for the HTTP login's endpoint ordering: an ephemeral
 * {@code /im/<namespace>/access/nodes/<instanceId>} with {@code {"instanceId","tcp","ws","load"}}.
 */
package im.access.load;
