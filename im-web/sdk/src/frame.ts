/**
 * Framing of PROTOCOL.md section 1: a 20-byte big-endian header (headLength, clientVersion, cmd,
 * seq, bodyLength) followed by the protobuf body. Over WebSocket one binary message is one frame.
 */
export const HEADER_LENGTH = 20;
export const CLIENT_VERSION = 1;
/** The server's default body limit (configurable there); a larger frame is refused before it is sent. */
export const MAX_BODY_LENGTH = 65536;

/** Command numbers, PROTOCOL.md section 2. */
export const Cmd = {
  LOGIN_REQ: 1, LOGIN_RESP: 2, HEARTBEAT_REQ: 3, HEARTBEAT_RESP: 4, LOGOUT_REQ: 5, LOGOUT_RESP: 6,
  KICKOUT: 7, SEND_REQ: 10, SEND_RESP: 11, MSG_PUSH: 12, MSG_ACK: 13, SYNC_REQ: 14, SYNC_RESP: 15,
  RECALL_REQ: 16, RECALL_RESP: 17, READ_REQ: 18, READ_RESP: 19, RECEIPT_QUERY_REQ: 20,
  RECEIPT_QUERY_RESP: 21, RECEIPT_NOTIFY: 22, READ_SYNC_NOTIFY: 23, CONV_LIST_REQ: 24,
  CONV_LIST_RESP: 25, ERROR: 99,
} as const;

export interface Frame {
  cmd: number;
  seq: number;
  body: Uint8Array;
}

/** A frame that breaks section 1 (wrong header length, negative or oversized body, truncated). */
export class FrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameError';
  }
}

export function encodeFrame(cmd: number, seq: number, body: Uint8Array = new Uint8Array(0)): Uint8Array {
  if (body.length > MAX_BODY_LENGTH) {
    throw new FrameError(`body too large: ${body.length} > ${MAX_BODY_LENGTH}`);
  }
  const out = new Uint8Array(HEADER_LENGTH + body.length);
  const view = new DataView(out.buffer);
  view.setInt32(0, HEADER_LENGTH);
  view.setInt32(4, CLIENT_VERSION);
  view.setInt32(8, cmd);
  view.setInt32(12, seq);
  view.setInt32(16, body.length);
  out.set(body, HEADER_LENGTH);
  return out;
}

/** Decodes one whole frame (one WebSocket message); throws {@link FrameError} when it is malformed. */
export function decodeFrame(data: ArrayBuffer | Uint8Array): Frame {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.length < HEADER_LENGTH) {
    throw new FrameError(`frame shorter than its header: ${bytes.length} bytes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headLength = view.getInt32(0);
  if (headLength !== HEADER_LENGTH) {
    throw new FrameError(`headLength must be 20, was ${headLength}`);
  }
  const cmd = view.getInt32(8);
  const seq = view.getInt32(12);
  const bodyLength = view.getInt32(16);
  if (bodyLength < 0 || bodyLength > MAX_BODY_LENGTH) {
    throw new FrameError(`bodyLength out of range: ${bodyLength}`);
  }
  if (bytes.length !== HEADER_LENGTH + bodyLength) {
    throw new FrameError(`bodyLength ${bodyLength} but ${bytes.length - HEADER_LENGTH} body bytes`);
  }
  return { cmd, seq, body: bytes.subarray(HEADER_LENGTH) };
}
