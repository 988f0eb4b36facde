/**
 * The client-facing servers: event loops (epoll when the native transport loads), the pipeline
 * stage names shared by TCP ({@code tcp}) and WebSocket ({@code websocket}), and the frame codec
 * ({@code codec}). What happens to a decoded frame is {@code im.access.session}'s business.
 */
package im.access.transport;
