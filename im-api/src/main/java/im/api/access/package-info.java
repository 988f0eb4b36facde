/**
 * The access tier's Dubbo contract: what another tier (im-logic) asks of one specific access node
 * ({@link im.api.access.AccessPushService}: push a frame to a user's connections there, kick a
 * connection) and what an access node reports back ({@link im.api.access.PushDeliveryListener}).
 */
package im.api.access;
