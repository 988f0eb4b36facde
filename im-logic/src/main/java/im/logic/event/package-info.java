/** RocketMQ events after send, recall and read. */
package im.logic.event;
