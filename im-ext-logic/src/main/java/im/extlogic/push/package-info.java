/**
 * Offline push: {@link im.api.push.OfflinePushEvent}s from RocketMQ are filtered by the user's
 * rules ({@link im.extlogic.push.PushPreferences}: muted conversations, do-not-disturb hours) and
 * the platform rule (only mobile devices get vendor push), merged per user within a short window
 * ({@link im.extlogic.push.PushMerger}), and delivered by a {@link im.extlogic.push.PushProvider}
 * behind a circuit breaker with retries and a dead-letter topic
 * ({@link im.extlogic.push.PushDispatcher}). Nothing here is on the send path; a slow or failing
 * provider never blocks the RocketMQ consumer.
 */
package im.extlogic.push;
