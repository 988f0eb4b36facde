package im.access.transport;

/**
 * Names of the pipeline stages, so tests and later stages find them without depending on the order
 * they were added in. TCP: {@code frame-decoder, frame-encoder, session}. WebSocket:
 * {@code http-codec, http-aggregator, ws-protocol, ws-aggregator, ws-frame-decoder,
 * ws-frame-encoder, session}.
 */
public final class PipelineStages {
    public static final String FRAME_DECODER = "frame-decoder";
    public static final String FRAME_ENCODER = "frame-encoder";
    public static final String HTTP_CODEC = "http-codec";
    public static final String HTTP_AGGREGATOR = "http-aggregator";
    public static final String WS_PROTOCOL = "ws-protocol";
    public static final String WS_AGGREGATOR = "ws-aggregator";
    public static final String WS_FRAME_DECODER = "ws-frame-decoder";
    public static final String WS_FRAME_ENCODER = "ws-frame-encoder";
    public static final String SESSION = "session";

    private PipelineStages() {
    }
}
