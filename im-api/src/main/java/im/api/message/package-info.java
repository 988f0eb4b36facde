/**
 * The messaging contract of im-logic: {@link im.api.message.MessageService} for the gateway (send,
 * sync, read, recall, conversation list) and the RocketMQ events it publishes for im-ext-logic and
 * im-receipt-service ({@link im.api.message.MessageTopics}, {@link im.api.message.MessageEventCodec}).
 */
package im.api.message;
