/** TCP transport: a stream of frames on {@code gateway.tcp.port} (default 9000). */
package im.access.transport.tcp;
