/** Write fan-out: the durable per-conversation job queue, drained in order under the conversation's lock. */
package im.logic.fanout;
