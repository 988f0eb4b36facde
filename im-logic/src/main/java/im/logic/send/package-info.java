/** Send: authorization port, de-duplication, content, durable fan-out job, answer. */
package im.logic.send;
