package im.logic.lane;

import im.api.message.SendRequest;
import im.api.message.SendResult;
import im.api.message.SessionCaller;
import java.util.concurrent.CompletableFuture;

/**
 * Where sends to groups above {@link LaneSettings#maxLaneMembers()} go: queued durably as fan-out jobs
 * and written in chunks off the lanes, so one large group never stalls the small conversations that
 * share its lane.
 */
@FunctionalInterface
public interface LargeGroupSends {
    CompletableFuture<SendResult> send(SessionCaller caller, SendRequest request);
}
