/**
 * WebSocket transport: {@code ws://HOST:9001/ws}, one binary message = one protocol frame, the same
 * codec and handlers as TCP behind Netty's WebSocket server handshake.
 */
package im.access.transport.websocket;
