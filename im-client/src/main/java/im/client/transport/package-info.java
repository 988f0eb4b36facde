/** The client side of the wire protocol's framing. */
package im.client.transport;
