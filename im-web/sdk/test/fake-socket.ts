import { Cmd, decodeFrame, encodeFrame } from '../src/frame.js';
import type { SocketLike } from '../src/client.js';
import { pb } from '../src/proto.js';
import Long from 'long';

/** A scripted WebSocket: records every frame the client writes and lets the test answer. */
export class FakeSocket implements SocketLike {
  binaryType = 'blob';
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  readonly sent: { cmd: number; seq: number; body: Uint8Array }[] = [];
  closed = false;

  constructor(readonly url: string) {}

  send(data: Uint8Array): void {
    if (this.closed) throw new Error('send on a closed socket');
    this.sent.push(decodeFrame(data));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    queueMicrotask(() => this.onclose?.({}));
  }

  /** The server side drops the connection. */
  drop(): void {
    this.close();
  }

  open(): void {
    this.onopen?.({});
  }

  deliver(cmd: number, seq: number, body: Uint8Array = new Uint8Array(0)): void {
    const f = encodeFrame(cmd, seq, body);
    this.onmessage?.({ data: f.buffer.slice(f.byteOffset, f.byteOffset + f.byteLength) });
  }

  last(cmd: number) {
    const all = this.sent.filter((f) => f.cmd === cmd);
    return all[all.length - 1];
  }

  all(cmd: number) {
    return this.sent.filter((f) => f.cmd === cmd);
  }

  /** Answers the LOGIN_REQ with code 0. */
  acceptLogin(maxSeq = 0, userId = '1000000000000000007'): void {
    const req = this.last(Cmd.LOGIN_REQ);
    this.deliver(Cmd.LOGIN_RESP, req.seq, pb.LoginResp.encode({
      code: 0, userId: Long.fromString(userId), tenantId: Long.fromNumber(1), maxSeq: Long.fromNumber(maxSeq),
    }).finish());
  }
}

export function message(seq: number, msgId: string, text = 'hi', from = '2000000000000000009') {
  return {
    msgId: Long.fromString(msgId), seq: Long.fromNumber(seq), convType: 1, convId: Long.fromString(from),
    fromUserId: Long.fromString(from), sendTime: Long.fromNumber(1_700_000_000_000 + seq), contentType: 1, text,
  };
}
