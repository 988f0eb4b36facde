/**
 * The offline-push contract: {@link im.api.push.OfflinePushEvent}s that im-logic publishes on
 * {@link im.api.push.OfflinePushEvent#TOPIC} for recipients that have no online device (or did not
 * ack a push), encoded with {@link im.api.push.OfflinePushCodec}, and consumed by im-ext-logic.
 */
package im.api.push;
