/**
 * Server-initiated frames: the Dubbo {@link im.api.access.AccessPushService} endpoint, delivery with
 * cumulative acknowledgement and retries on the timing wheel ({@link im.access.push.PushDelivery}),
 * and the batched report of undelivered pushes to the logic tier
 * ({@link im.access.push.UndeliveredReporter}).
 */
package im.access.push;
