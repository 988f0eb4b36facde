/**
 * The Java SDK of the wire protocol (PROTOCOL.md): {@link im.client.ImClient} is one device of one
 * user; many clients share one Netty event-loop group.
 */
package im.client;
