/** The wire protocol's framing over TCP and WebSocket (PROTOCOL.md section 1). */
package im.client.transport;
