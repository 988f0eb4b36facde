package im.logic.support;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.message.ConversationList;
import im.api.message.MessageService;
import im.api.message.ReadResult;
import im.api.message.SendRequest;
import im.api.message.SendResult;
import im.api.message.SessionCaller;
import im.api.message.SyncResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The asynchronous {@link MessageService} as tests call it: each call waits for the provider's answer
 * and throws its refusal as the {@link ImException} it completed with.
 */
public final class BlockingMessages {
    private final MessageService service;

    public BlockingMessages(MessageService service) {
        this.service = service;
    }

    public SendResult send(SessionCaller caller, SendRequest request) throws ImException {
        return await(service.send(caller, request));
    }

    public SyncResult sync(SessionCaller caller, long sinceSeq, int limit) throws ImException {
        return await(service.sync(caller, sinceSeq, limit));
    }

    public ReadResult read(SessionCaller caller, int convType, long convId, long readSeq) throws ImException {
        return await(service.read(caller, convType, convId, readSeq));
    }

    public void recall(SessionCaller caller, long msgId) throws ImException {
        await(service.recall(caller, msgId));
    }

    public ConversationList conversations(SessionCaller caller, int limit) throws ImException {
        return await(service.conversations(caller, limit));
    }

    private static <T> T await(CompletableFuture<T> answer) throws ImException {
        try {
            return answer.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ImException ie) {
                throw ie;
            }
            throw new IllegalStateException("failed with something other than an ImException", e.getCause());
        } catch (TimeoutException e) {
            throw new ImException(ErrorCode.BUSY, "no answer within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImException(ErrorCode.BUSY, "interrupted");
        }
    }
}
