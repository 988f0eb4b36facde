/**
 * Red packets in the chat: the consumer of im-redpacket's transactional message that posts each
 * packet's RED_PACKET message, exactly once, through im-logic's own send path.
 */
package im.logic.redpacket;
