/**
 * Grabbing: the Redis copy of a packet's shares (an atomic script pops one and records the grabber),
 * the database claim that is the truth, and the credit of the grabbed amount through a RocketMQ
 * transactional message consumed into the wallet once per {@code (packet, user)}, with a sweep that pays
 * from the grab rows whatever credit the messages lost.
 */
package im.redpacket.grab;
