/**
 * Sending: the Seata global transaction that debits the sender and creates the packet, as the local
 * transaction of the RocketMQ transactional message that makes im-logic post the chat message.
 */
package im.redpacket.send;
