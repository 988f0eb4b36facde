package im.logic.id;

/** Who holds which message-id worker id; {@link ZkWorkerLease} in production. */
public interface WorkerLease {

    /** The worker id held now, 0..{@link MsgIdGenerator#MAX_WORKERS}-1, or -1 while none is held. */
    int workerId();
}
