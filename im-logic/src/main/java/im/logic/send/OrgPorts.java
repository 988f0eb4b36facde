package im.logic.send;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.AuthorizationService;
import im.api.org.GroupMembers;
import im.api.org.GroupService;
import im.api.org.SendGrant;
import im.logic.fanout.MemberDirectory;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.apache.dubbo.rpc.RpcContext;
import org.apache.dubbo.rpc.RpcException;

/**
 * im-logic's ports onto im-org-service over Dubbo. im-org-service answers both from its in-memory
 * organisation cache; an unreachable provider becomes {@code BUSY} (retry; nothing was stored). The
 * asynchronous forms hold no thread while the call is out.
 */
public final class OrgPorts {
    private OrgPorts() {
    }

    public static SendAuthorizer authorizer(Supplier<AuthorizationService> service) {
        return new SendAuthorizer() {
            @Override
            public SendGrant authorize(long tenantId, long senderId, int convType, long targetId) throws ImException {
                try {
                    return service.get().authorizeSend(tenantId, senderId, convType, targetId);
                } catch (RpcException e) {
                    throw unavailable("the send check", e);
                }
            }

            @Override
            public CompletableFuture<SendGrant> authorizeAsync(long tenantId, long senderId, int convType,
                                                               long targetId) {
                return async("the send check",
                        () -> service.get().authorizeSend(tenantId, senderId, convType, targetId));
            }
        };
    }

    public static MemberDirectory members(Supplier<GroupService> service) {
        return new MemberDirectory() {
            @Override
            public GroupMembers members(long groupId) throws ImException {
                try {
                    return service.get().members(groupId);
                } catch (RpcException e) {
                    throw unavailable("group members", e);
                }
            }

            @Override
            public CompletableFuture<GroupMembers> membersAsync(long groupId) {
                return async("group members", () -> service.get().members(groupId));
            }
        };
    }

    /**
     * One asynchronous Dubbo call: {@code call} must return exactly what the proxy returns (null in
     * async mode), so the future is the provider's answer and not a value made up before it.
     */
    private static <T> CompletableFuture<T> async(String what, Callable<T> call) {
        CompletableFuture<T> sent;
        try {
            sent = RpcContext.getServiceContext().asyncCall(call);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(translate(what, e));
        }
        CompletableFuture<T> out = new CompletableFuture<>();
        sent.whenComplete((value, failure) -> {
            if (failure == null) {
                out.complete(value);
            } else {
                out.completeExceptionally(translate(what, failure));
            }
        });
        return out;
    }

    /** The provider's own refusal, or {@code BUSY} for a call that did not reach an answer. */
    static ImException translate(String what, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                || cause instanceof RpcException) && cause.getCause() != null) {
            if (cause instanceof RpcException && !(cause.getCause() instanceof ImException)) {
                break;
            }
            cause = cause.getCause();
        }
        if (cause instanceof ImException e) {
            return e;
        }
        return unavailable(what, cause);
    }

    private static ImException unavailable(String what, Throwable e) {
        return new ImException(ErrorCode.BUSY, "im-org-service unavailable for " + what + ": " + e.getMessage(), e);
    }
}
