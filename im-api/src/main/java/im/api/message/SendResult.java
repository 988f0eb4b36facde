package im.api.message;

import java.io.Serializable;

/**
 * The answer to a successful {@link MessageService#send}: the message and every recipient's entry are
 * durable, or (large groups) durably queued for fan-out.
 *
 * @param msgId       the message id
 * @param seq         the sender's own copy in the sender's stream; 0 when a group fan-out was queued
 *                    and had not reached the sender's copy when answering (it arrives by sync)
 * @param sendTime    epoch millis the server assigned
 * @param clientMsgId the client's id, echoed
 */
public record SendResult(long msgId, long seq, long sendTime, String clientMsgId) implements Serializable {
}
