/** RocketMQ producers and consumers: archive, offline push, receipts, red-packet messages. */
package im.infra.mq;
