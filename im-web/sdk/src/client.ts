/**
 * The long-connection client of PROTOCOL.md over WebSocket: login first, heartbeats, cumulative
 * acks of the contiguous part of the stream, SYNC on login and on every gap, de-duplication by
 * msg_id, resend of unanswered sends with the same client_msg_id (the server answers a repeat with
 * the original msg_id), and reconnects with capped exponential backoff and jitter. Single-threaded
 * (browser event loop); one instance per signed-in device.
 */
import { Cmd, decodeFrame, encodeFrame, FrameError } from './frame.js';
import { ErrorCode, ImError, NOT_CONNECTED, TIMED_OUT } from './errors.js';
import {
  type ChatMessage, type ContentType, type Conversation, type ConvType, conversationOf, convTypeNumber,
  idOf, Long, messageOf, numOf, pb, toLong,
} from './proto.js';

/** The part of the browser's WebSocket the client uses (tests pass a scripted one). */
export interface SocketLike {
  binaryType: string;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike;

export type ClientState = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'closed' | 'kicked' | 'unauthenticated';

export interface ClientOptions {
  /** WebSocket address, e.g. the first `ws` of the login answer's endpoints; called before every (re)connect. */
  url: string | (() => string);
  token: string;
  deviceId: string;
  /** PROTOCOL.md Platform: 1 DESKTOP, 2 MOBILE, 3 WEB (default). */
  platform?: number;
  /** The highest seq this device already holds contiguously (0: sync everything). */
  lastSeq?: number;
  /** PROTOCOL.md 4.1: every 30 s. */
  heartbeatMs?: number;
  requestTimeoutMs?: number;
  /** First reconnect delay; doubles per failed attempt up to {@link maxBackoffMs}. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Resends of one message (timeouts and BUSY/RATE_LIMITED answers) before it is reported failed. */
  maxSendAttempts?: number;
  /** SYNC_REQ page size, 1..500. */
  syncLimit?: number;
  socketFactory?: SocketFactory;
  random?: () => number;
}

export interface SendInput {
  convType: ConvType;
  toId: string;
  text?: string;
  contentType?: ContentType;
  payload?: Uint8Array;
  mentions?: string[];
  needReceipt?: boolean;
}

export interface SendResult {
  msgId: string;
  seq: number;
  sendTime: number;
  clientMsgId: string;
}

export interface ReceiptCount {
  msgId: string;
  readCount: number;
  unreadCount: number;
}

export interface ReceiptDetail extends ReceiptCount {
  readUserIds: string[];
  unreadUserIds: string[];
}

export interface ReadSync {
  convType: ConvType;
  convId: string;
  readSeq: number;
  totalUnread: number;
}

export interface ClientEvents {
  state: ClientState;
  /** New stream entries, each msg_id once, in the order they arrived. */
  messages: ChatMessage[];
  receipts: ReceiptCount[];
  readSync: ReadSync;
  kickout: { reason: number; message: string };
  /** Something the user should know about that did not fail a call (a bad frame, a refused login). */
  problem: ImError;
  /** A message whose send was given up; its promise was rejected with the same error. */
  sendFailed: { clientMsgId: string; error: ImError };
}

type Listener<T> = (value: T) => void;

interface Pending {
  expect: number;
  resolve: (f: { cmd: number; body: Uint8Array }) => void;
  reject: (e: ImError) => void;
  timer: ReturnType<typeof setTimeout>;
}

interface Outgoing {
  input: SendInput;
  clientMsgId: string;
  attempts: number;
  inFlightSeq: number;
  resolve: (r: SendResult) => void;
  reject: (e: ImError) => void;
}

const RETRIABLE = new Set<number>([ErrorCode.BUSY, ErrorCode.RATE_LIMITED]);
/** Enough ids to cover any resend or SYNC overlap; older ones cannot come back. */
const SEEN_LIMIT = 20_000;

export class ImClient {
  private readonly opts: Required<Omit<ClientOptions, 'lastSeq'>>;
  private socket: SocketLike | null = null;
  private stateValue: ClientState = 'idle';
  private readonly listeners = new Map<keyof ClientEvents, Set<Listener<never>>>();
  private nextRequestSeq = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly outbox = new Map<string, Outgoing>();
  private lastSeqValue: number;
  private ackedSeq = 0;
  private ackScheduled = false;
  private readonly seen = new Set<string>();
  private syncing = false;
  private syncAgain = false;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private lastFrameAt = 0;
  private userIdValue = '0';

  constructor(options: ClientOptions) {
    const syncLimit = options.syncLimit ?? 200;
    if (syncLimit < 1 || syncLimit > 500) throw new RangeError('syncLimit must be 1..500');
    this.opts = {
      url: options.url,
      token: options.token,
      deviceId: options.deviceId,
      platform: options.platform ?? 3,
      heartbeatMs: options.heartbeatMs ?? 30_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
      initialBackoffMs: options.initialBackoffMs ?? 1_000,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      maxSendAttempts: options.maxSendAttempts ?? 5,
      syncLimit,
      socketFactory: options.socketFactory ?? ((url) => new WebSocket(url) as unknown as SocketLike),
      random: options.random ?? Math.random,
    };
    this.lastSeqValue = options.lastSeq ?? 0;
  }

  get state(): ClientState {
    return this.stateValue;
  }

  /** The highest seq held with no gap below it (what MSG_ACK reports). */
  get lastSeq(): number {
    return this.lastSeqValue;
  }

  /** The signed-in user, from LOGIN_RESP ('0' before the first login). */
  get userId(): string {
    return this.userIdValue;
  }

  on<K extends keyof ClientEvents>(event: K, listener: Listener<ClientEvents[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  /** Opens the connection; reconnects by itself until {@link close}, a KICKOUT or a refused token. */
  connect(): void {
    if (this.stateValue === 'closed') throw new Error('client closed');
    if (this.socket || this.reconnectTimer) return;
    this.open();
  }

  /** Ends the session (LOGOUT_REQ when online) and stops reconnecting; unsent messages fail. */
  close(): void {
    if (this.stateValue === 'online' && this.socket) {
      this.write(Cmd.LOGOUT_REQ, this.nextRequestSeq++);
    }
    this.shutdown('closed', new ImError(NOT_CONNECTED, 'client closed'));
  }

  /** Sends a message; resolves with the server's msg_id once it is durable (SEND_RESP code 0). */
  send(input: SendInput): Promise<SendResult> {
    if (this.isFinal()) return Promise.reject(new ImError(NOT_CONNECTED, `client ${this.stateValue}`));
    const clientMsgId = newClientMsgId();
    return new Promise<SendResult>((resolve, reject) => {
      const out: Outgoing = { input, clientMsgId, attempts: 0, inFlightSeq: 0, resolve, reject };
      this.outbox.set(clientMsgId, out);
      if (this.stateValue === 'online') this.transmit(out);
    });
  }

  /** Messages accepted by {@link send} and not yet answered (they go out again after a reconnect). */
  get unsentCount(): number {
    return this.outbox.size;
  }

  async recall(msgId: string): Promise<void> {
    const body = pb.RecallReq.encode({ msgId: toLong(msgId) }).finish();
    const f = await this.request(Cmd.RECALL_REQ, Cmd.RECALL_RESP, body);
    checkCommon(pb.CommonResp.decode(f.body));
  }

  async markRead(convType: ConvType, convId: string, readSeq: number): Promise<void> {
    const body = pb.ReadReq.encode({ convType: convTypeNumber(convType), convId: toLong(convId), readSeq: Long.fromNumber(readSeq) }).finish();
    const f = await this.request(Cmd.READ_REQ, Cmd.READ_RESP, body);
    checkCommon(pb.CommonResp.decode(f.body));
  }

  async queryReceipt(msgId: string): Promise<ReceiptDetail> {
    const f = await this.request(Cmd.RECEIPT_QUERY_REQ, Cmd.RECEIPT_QUERY_RESP,
      pb.ReceiptQueryReq.encode({ msgId: toLong(msgId) }).finish());
    const r = pb.ReceiptQueryResp.decode(f.body);
    checkCommon(r);
    return {
      msgId: idOf(r.msgId), readCount: r.readCount, unreadCount: r.unreadCount,
      readUserIds: r.readUserIds.map((x) => idOf(x)), unreadUserIds: r.unreadUserIds.map((x) => idOf(x)),
    };
  }

  async conversations(limit = 100): Promise<{ conversations: Conversation[]; totalUnread: number }> {
    const f = await this.request(Cmd.CONV_LIST_REQ, Cmd.CONV_LIST_RESP, pb.ConvListReq.encode({ limit }).finish());
    const r = pb.ConvListResp.decode(f.body);
    checkCommon(r);
    return { conversations: r.conversations.map(conversationOf), totalUnread: r.totalUnread };
  }

  // ---- connection ----

  private open(): void {
    this.reconnectTimer = null;
    this.setState(this.failures === 0 && this.stateValue === 'idle' ? 'connecting' : 'reconnecting');
    const url = typeof this.opts.url === 'function' ? this.opts.url() : this.opts.url;
    let socket: SocketLike;
    try {
      socket = this.opts.socketFactory(url);
    } catch (e) {
      this.emit('problem', new ImError(NOT_CONNECTED, `cannot open ${url}: ${String(e)}`));
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => this.login(socket);
    socket.onmessage = (ev) => {
      if (this.socket === socket) this.onData(ev.data);
    };
    socket.onerror = () => undefined; // onclose follows and decides
    socket.onclose = () => {
      if (this.socket === socket) this.onDisconnected();
    };
  }

  private login(socket: SocketLike): void {
    if (this.socket !== socket) return;
    const body = pb.LoginReq.encode({ token: this.opts.token, deviceId: this.opts.deviceId, platform: this.opts.platform }).finish();
    this.request(Cmd.LOGIN_REQ, Cmd.LOGIN_RESP, body, true).then((f) => {
      const r = pb.LoginResp.decode(f.body);
      if (r.code !== 0) {
        const err = new ImError(r.code, r.message);
        if (r.code === ErrorCode.UNAUTHENTICATED) {
          this.emit('problem', err);
          this.shutdown('unauthenticated', err);
        } else {
          this.emit('problem', err);
          this.dropSocket();
        }
        return;
      }
      this.failures = 0;
      this.userIdValue = idOf(r.userId);
      this.startHeartbeat();
      this.setState('online');
      for (const out of this.outbox.values()) this.transmit(out);
      if (numOf(r.maxSeq) > this.lastSeqValue || this.lastSeqValue === 0) this.requestSync();
    }, () => this.dropSocket());
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    this.lastFrameAt = Date.now();
    this.heartbeat = setInterval(() => {
      // 2.5 periods without any frame: the server closes at 75 s, so the link is dead; start over.
      if (Date.now() - this.lastFrameAt > this.opts.heartbeatMs * 2.5) {
        this.dropSocket();
        return;
      }
      this.write(Cmd.HEARTBEAT_REQ, this.nextRequestSeq++);
    }, this.opts.heartbeatMs);
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private dropSocket(): void {
    const s = this.socket;
    if (!s) return;
    try {
      s.close();
    } catch {
      /* already closing */
    }
    this.onDisconnected();
  }

  private onDisconnected(): void {
    this.socket = null;
    this.stopHeartbeat();
    this.failPending(new ImError(NOT_CONNECTED, 'connection lost'));
    for (const out of this.outbox.values()) out.inFlightSeq = 0;
    this.syncing = false;
    this.syncAgain = false;
    if (!this.isFinal()) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || this.isFinal()) return;
    const base = Math.min(this.opts.maxBackoffMs, this.opts.initialBackoffMs * 2 ** Math.min(this.failures, 20));
    this.failures++;
    // Full jitter over the upper half: thousands of clients of a restarted node do not return in step.
    const delay = Math.round(base / 2 + (base / 2) * this.opts.random());
    this.setState('reconnecting');
    this.reconnectTimer = setTimeout(() => this.open(), delay);
  }

  /** The delay the next reconnect would wait at most (for tests and status displays). */
  get reconnectAttempts(): number {
    return this.failures;
  }

  private isFinal(): boolean {
    return this.stateValue === 'closed' || this.stateValue === 'kicked' || this.stateValue === 'unauthenticated';
  }

  private shutdown(state: ClientState, error: ImError): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.setState(state);
    const s = this.socket;
    this.socket = null;
    this.stopHeartbeat();
    if (s) {
      try {
        s.close();
      } catch {
        /* already closing */
      }
    }
    this.failPending(error);
    for (const out of this.outbox.values()) {
      out.reject(error);
      this.emit('sendFailed', { clientMsgId: out.clientMsgId, error });
    }
    this.outbox.clear();
  }

  // ---- frames in ----

  private onData(data: unknown): void {
    this.lastFrameAt = Date.now();
    let frame;
    try {
      frame = decodeFrame(data instanceof ArrayBuffer ? data : (data as Uint8Array));
    } catch (e) {
      this.emit('problem', new ImError(ErrorCode.BAD_REQUEST, e instanceof FrameError ? e.message : String(e)));
      this.dropSocket();
      return;
    }
    try {
      this.dispatch(frame.cmd, frame.seq, frame.body);
    } catch (e) {
      this.emit('problem', new ImError(ErrorCode.BAD_REQUEST, `cannot read cmd ${frame.cmd}: ${String(e)}`));
      this.dropSocket();
    }
  }

  private dispatch(cmd: number, seq: number, body: Uint8Array): void {
    switch (cmd) {
      case Cmd.MSG_PUSH:
        this.onPushed(pb.MsgPush.decode(body).messages.map(messageOf));
        return;
      case Cmd.RECEIPT_NOTIFY:
        this.emit('receipts', pb.ReceiptNotify.decode(body).counts.map((c) => ({
          msgId: idOf(c.msgId), readCount: c.readCount ?? 0, unreadCount: c.unreadCount ?? 0,
        })));
        return;
      case Cmd.READ_SYNC_NOTIFY: {
        const r = pb.ReadSync.decode(body);
        this.emit('readSync', { convType: r.convType === 2 ? 'GROUP' : 'SINGLE', convId: idOf(r.convId), readSeq: numOf(r.readSeq), totalUnread: r.totalUnread });
        return;
      }
      case Cmd.KICKOUT: {
        const k = pb.Kickout.decode(body);
        this.emit('kickout', { reason: k.reason, message: k.message });
        this.shutdown('kicked', new ImError(ErrorCode.UNAUTHENTICATED, `kicked out (${k.reason}): ${k.message}`));
        return;
      }
      case Cmd.HEARTBEAT_RESP:
        return;
      case Cmd.ERROR: {
        const e = pb.CommonResp.decode(body);
        const err = new ImError(e.code, e.message);
        const p = this.pending.get(seq);
        if (p) {
          this.pending.delete(seq);
          clearTimeout(p.timer);
          p.reject(err);
        } else {
          this.emit('problem', err);
        }
        return;
      }
      default: {
        const p = this.pending.get(seq);
        if (p && p.expect === cmd) {
          this.pending.delete(seq);
          clearTimeout(p.timer);
          p.resolve({ cmd, body });
        }
      }
    }
  }

  private onPushed(messages: ChatMessage[]): void {
    const fresh: ChatMessage[] = [];
    let gap = false;
    for (const m of [...messages].sort((a, b) => a.seq - b.seq)) {
      if (m.seq === this.lastSeqValue + 1) this.lastSeqValue = m.seq;
      else if (m.seq > this.lastSeqValue) gap = true;
      if (this.remember(m.msgId)) fresh.push(m);
    }
    if (fresh.length) this.emit('messages', fresh);
    this.scheduleAck();
    if (gap) this.requestSync();
  }

  /** True when the id is new. */
  private remember(msgId: string): boolean {
    if (this.seen.has(msgId)) return false;
    this.seen.add(msgId);
    if (this.seen.size > SEEN_LIMIT) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }

  private scheduleAck(): void {
    if (this.ackScheduled) return;
    this.ackScheduled = true;
    queueMicrotask(() => {
      this.ackScheduled = false;
      if (this.lastSeqValue > this.ackedSeq && this.stateValue === 'online') {
        this.ackedSeq = this.lastSeqValue;
        this.write(Cmd.MSG_ACK, this.nextRequestSeq++, pb.MsgAck.encode({ maxSeq: Long.fromNumber(this.lastSeqValue) }).finish());
      }
    });
  }

  /** SYNC from the last contiguous seq until has_more is false; one at a time, repeated if asked meanwhile. */
  private requestSync(): void {
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    this.syncing = true;
    void this.runSync().finally(() => {
      this.syncing = false;
      if (this.syncAgain && this.stateValue === 'online') {
        this.syncAgain = false;
        this.requestSync();
      }
    });
  }

  private async runSync(): Promise<void> {
    for (;;) {
      let resp;
      try {
        const body = pb.SyncReq.encode({ sinceSeq: Long.fromNumber(this.lastSeqValue), limit: this.opts.syncLimit }).finish();
        resp = pb.SyncResp.decode((await this.request(Cmd.SYNC_REQ, Cmd.SYNC_RESP, body)).body);
      } catch (e) {
        if (e instanceof ImError && e.code !== NOT_CONNECTED) this.emit('problem', e);
        return;
      }
      if (resp.code !== 0) {
        this.emit('problem', new ImError(resp.code, resp.message));
        return;
      }
      const messages = resp.messages.map(messageOf);
      const fresh = messages.filter((m) => this.remember(m.msgId));
      for (const m of messages) this.lastSeqValue = Math.max(this.lastSeqValue, m.seq);
      if (!resp.hasMore) this.lastSeqValue = Math.max(this.lastSeqValue, numOf(resp.maxSeq));
      if (fresh.length) this.emit('messages', fresh);
      this.scheduleAck();
      if (!resp.hasMore || messages.length === 0) return;
    }
  }

  // ---- frames out ----

  private transmit(out: Outgoing): void {
    if (out.inFlightSeq !== 0 || this.stateValue !== 'online') return;
    out.attempts++;
    const i = out.input;
    const body = pb.SendReq.encode({
      clientMsgId: out.clientMsgId,
      convType: convTypeNumber(i.convType),
      toId: toLong(i.toId),
      contentType: contentTypeNumber(i.contentType ?? 'TEXT'),
      text: i.text ?? '',
      payload: i.payload ?? new Uint8Array(0),
      needReceipt: i.needReceipt ?? i.convType === 'SINGLE',
      mentions: (i.mentions ?? []).map(toLong),
    }).finish();
    const seq = this.nextRequestSeq++;
    out.inFlightSeq = seq;
    this.track(seq, Cmd.SEND_RESP).then((f) => {
      out.inFlightSeq = 0;
      const r = pb.SendResp.decode(f.body);
      if (r.code === 0) {
        this.outbox.delete(out.clientMsgId);
        const result = { msgId: idOf(r.msgId), seq: numOf(r.seq), sendTime: numOf(r.sendTime), clientMsgId: out.clientMsgId };
        this.onOwnEntry(result, out.input);
        out.resolve(result);
      } else if (RETRIABLE.has(r.code)) {
        this.retryLater(out, new ImError(r.code, r.message));
      } else {
        this.giveUp(out, new ImError(r.code, r.message));
      }
    }, (e: ImError) => {
      out.inFlightSeq = 0;
      if (e.code === TIMED_OUT) this.retryLater(out, e);
      else if (e.code !== NOT_CONNECTED) this.giveUp(out, e); // an ERROR frame; NOT_CONNECTED: resent after the reconnect
    });
    this.write(Cmd.SEND_REQ, seq, body);
  }

  /** The sender's own copy is an entry of its stream that is not pushed to this connection. */
  private onOwnEntry(r: SendResult, input: SendInput): void {
    const own: ChatMessage = {
      msgId: r.msgId, seq: r.seq, convType: input.convType, convId: input.toId, fromUserId: this.userIdValue,
      sendTime: r.sendTime, contentType: input.contentType ?? 'TEXT', text: input.text ?? '',
      payload: input.payload ?? new Uint8Array(0), clientMsgId: r.clientMsgId, kind: 'NORMAL', refMsgId: '0',
      needReceipt: input.needReceipt ?? input.convType === 'SINGLE', mentions: input.mentions ?? [], recalled: false,
    };
    if (r.seq === this.lastSeqValue + 1) this.lastSeqValue = r.seq;
    else if (r.seq > this.lastSeqValue) this.requestSync();
    if (this.remember(own.msgId)) this.emit('messages', [own]);
    this.scheduleAck();
  }

  private retryLater(out: Outgoing, error: ImError): void {
    if (out.attempts >= this.opts.maxSendAttempts) {
      this.giveUp(out, error);
      return;
    }
    const delay = Math.min(this.opts.maxBackoffMs, this.opts.initialBackoffMs * 2 ** (out.attempts - 1));
    setTimeout(() => {
      if (this.outbox.has(out.clientMsgId)) this.transmit(out);
    }, delay);
  }

  private giveUp(out: Outgoing, error: ImError): void {
    this.outbox.delete(out.clientMsgId);
    out.reject(error);
    this.emit('sendFailed', { clientMsgId: out.clientMsgId, error });
  }

  private request(cmd: number, expect: number, body: Uint8Array, beforeLogin = false): Promise<{ cmd: number; body: Uint8Array }> {
    if (!this.socket || (!beforeLogin && this.stateValue !== 'online')) {
      return Promise.reject(new ImError(NOT_CONNECTED, 'not connected'));
    }
    const seq = this.nextRequestSeq++;
    const p = this.track(seq, expect);
    this.write(cmd, seq, body);
    return p;
  }

  private track(seq: number, expect: number): Promise<{ cmd: number; body: Uint8Array }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(seq);
        reject(new ImError(TIMED_OUT, `no answer to request ${seq} within ${this.opts.requestTimeoutMs} ms`));
      }, this.opts.requestTimeoutMs);
      this.pending.set(seq, { expect, resolve, reject, timer });
    });
  }

  private failPending(error: ImError): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(error);
    }
    this.pending.clear();
  }

  private write(cmd: number, seq: number, body?: Uint8Array): void {
    if (this.nextRequestSeq > 0x7fffffff) this.nextRequestSeq = 1;
    this.socket?.send(encodeFrame(cmd, seq, body));
  }

  private setState(s: ClientState): void {
    if (this.stateValue === s) return;
    this.stateValue = s;
    this.emit('state', s);
  }

  private emit<K extends keyof ClientEvents>(event: K, value: ClientEvents[K]): void {
    for (const l of this.listeners.get(event) ?? []) (l as unknown as Listener<ClientEvents[K]>)(value);
  }
}

function checkCommon(r: { code: number; message: string }): void {
  if (r.code !== 0) throw new ImError(r.code, r.message);
}

const CONTENT_NUMBERS: Record<ContentType, number> = { TEXT: 1, IMAGE: 2, FILE: 3, RED_PACKET: 4, CUSTOM: 5, SYSTEM: 6 };

function contentTypeNumber(t: ContentType): number {
  return CONTENT_NUMBERS[t];
}

/** A random UUID v4; getRandomValues also works on plain-HTTP origins, where randomUUID is missing. */
export function newClientMsgId(): string {
  const b = globalThis.crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
