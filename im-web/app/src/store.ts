import { ApiError, type ChatMessage, type ClientState, type ConvType, ImApi, ImClient, type LoginAnswer, type ReceiptCount } from '@im/sdk';

/** Where issue 17's employee routes are expected; each answers 404 until that issue is deployed. */
export const EMPLOYEE_ROUTES = {
  profiles: '/users',
  directorySearch: '/directory/search',
} as const;

export interface ConvView {
  key: string;
  convType: ConvType;
  convId: string;
  lastMessage: ChatMessage | null;
  /** From CONV_LIST until this device holds the conversation's entries, then counted here from readSeq. */
  serverUnread: number;
  readSeq: number;
  updateTime: number;
}

export const convKey = (t: ConvType, id: string) => `${t}:${id}`;

/**
 * The employee client's state: one {@link ImClient} session and the entries of the user's stream
 * grouped by conversation. Unread counts follow the protocol's definition (entries from others after
 * the read seq), read receipts come from RECEIPT_NOTIFY and RECEIPT_QUERY. React reads it through
 * {@link subscribe}/{@link version}.
 */
export class ChatStore {
  readonly api = new ImApi('/api/v1');
  client: ImClient | null = null;
  me = '0';
  account = '';
  state: ClientState = 'idle';
  notice: string | null = null;
  readonly conversations = new Map<string, ConvView>();
  readonly messages = new Map<string, ChatMessage[]>();
  readonly byId = new Map<string, ChatMessage>();
  readonly receipts = new Map<string, ReceiptCount>();
  readonly names = new Map<string, string>();
  directory: 'unknown' | 'available' | 'missing' = 'unknown';
  openKey: string | null = null;
  pageVisible = true;
  private ver = 0;
  private readonly listeners = new Set<() => void>();
  private pendingNames = new Set<string>();
  private nameTimer: ReturnType<typeof setTimeout> | null = null;

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  version = () => this.ver;
  private changed() {
    this.ver++;
    for (const l of this.listeners) l();
  }

  async login(tenantCode: string, account: string, password: string, phone: boolean): Promise<void> {
    const a: LoginAnswer = await this.api.login(tenantCode, account, password);
    this.me = a.userId;
    this.account = account;
    this.names.set(a.userId, account);
    if (!a.endpoints[0]?.ws && !new URLSearchParams(location.search).get('ws')) throw new ApiError(503, 1503, 'no access node is online; retry shortly');
    // `?ws=` pins the gateway (tests, or a node an operator wants to reach); otherwise the login's endpoints.
    const pinned = new URLSearchParams(location.search).get('ws');
    let endpoints = pinned ? [{ tcp: '', ws: pinned, load: 0 }] : a.endpoints;
    let next = 0;
    const deviceKey = `im.device.${account}`;
    const deviceId = localStorage.getItem(deviceKey) ?? `web-${crypto.getRandomValues(new Uint32Array(2)).join('')}`;
    localStorage.setItem(deviceKey, deviceId);
    const client = new ImClient({
      // Reconnects rotate through the endpoints the login answer named (least loaded first).
      url: () => endpoints[next++ % endpoints.length].ws,
      token: a.token, deviceId, platform: phone ? 2 : 3,
    });
    this.client = client;
    client.on('state', (s) => {
      this.state = s;
      if (s === 'online') void this.loadConversations();
      this.changed();
    });
    client.on('messages', (ms) => this.onMessages(ms));
    client.on('receipts', (cs) => {
      for (const c of cs) this.receipts.set(c.msgId, c);
      this.changed();
    });
    client.on('readSync', (r) => {
      const c = this.conversations.get(convKey(r.convType, r.convId));
      if (c && r.readSeq > c.readSeq) c.readSeq = r.readSeq;
      this.changed();
    });
    client.on('kickout', (k) => {
      this.notice = k.reason === 1 ? 'You signed in on another device of the same kind; this one was signed out.'
        : k.reason === 2 ? 'Your account was disabled.' : `Signed out: ${k.message}`;
      this.changed();
    });
    client.on('problem', (e) => {
      if (e.code === 1001) this.notice = `Your session ended (${e.message}). Sign in again.`;
      this.changed();
    });
    client.on('sendFailed', ({ error }) => {
      this.notice = `A message was not sent: ${error.message} (code ${error.code})`;
      this.changed();
    });
    client.connect();
  }

  async logout(): Promise<void> {
    this.client?.close();
    try {
      await this.api.logout();
    } catch {
      /* the token is dropped locally either way */
    }
  }

  private async loadConversations(): Promise<void> {
    try {
      const r = await this.client!.conversations(200);
      for (const c of r.conversations) {
        const key = convKey(c.convType, c.convId);
        const old = this.conversations.get(key);
        this.conversations.set(key, {
          key, convType: c.convType, convId: c.convId,
          lastMessage: old?.lastMessage && old.lastMessage.seq > (c.lastMessage?.seq ?? 0) ? old.lastMessage : c.lastMessage,
          serverUnread: c.unread, readSeq: Math.max(c.readSeq, old?.readSeq ?? 0), updateTime: Math.max(c.updateTime, old?.updateTime ?? 0),
        });
        this.wantNames([c.convType === 'SINGLE' ? c.convId : '', c.lastMessage?.fromUserId ?? '']);
      }
      this.changed();
    } catch (e) {
      this.notice = `Cannot load conversations: ${(e as Error).message}`;
      this.changed();
    }
  }

  private onMessages(ms: ChatMessage[]): void {
    for (const m of ms) {
      const key = convKey(m.convType, m.convId);
      if (m.kind === 'RECALL') {
        const target = this.byId.get(m.refMsgId);
        if (target) {
          target.recalled = true;
          target.text = '';
        }
      }
      this.byId.set(m.msgId, m);
      const list = this.messages.get(key) ?? [];
      let i = list.length;
      while (i > 0 && list[i - 1].seq > m.seq) i--;
      list.splice(i, 0, m);
      this.messages.set(key, list);
      const c = this.conversations.get(key) ?? { key, convType: m.convType, convId: m.convId, lastMessage: null, serverUnread: 0, readSeq: 0, updateTime: 0 };
      if (m.kind !== 'RECALL' && (!c.lastMessage || m.seq >= c.lastMessage.seq)) {
        c.lastMessage = m;
        c.updateTime = Math.max(c.updateTime, m.sendTime);
      }
      if (m.fromUserId === this.me && m.seq > c.readSeq) c.readSeq = m.seq; // own messages are never unread
      this.conversations.set(key, c);
      this.wantNames([m.fromUserId, m.convType === 'SINGLE' ? m.convId : '']);
    }
    if (this.openKey && this.pageVisible) void this.markOpenRead();
    this.changed();
  }

  markRecalled(msgId: string): void {
    const m = this.byId.get(msgId);
    if (m) {
      m.recalled = true;
      m.text = '';
      this.changed();
    }
  }

  unread(c: ConvView): number {
    const list = this.messages.get(c.key);
    if (!list || list.length === 0) return c.serverUnread;
    return list.filter((m) => m.kind === 'NORMAL' && m.fromUserId !== this.me && m.seq > c.readSeq).length;
  }

  mentioned(c: ConvView): boolean {
    return (this.messages.get(c.key) ?? []).some((m) => m.seq > c.readSeq && m.fromUserId !== this.me && m.mentions.includes(this.me));
  }

  totalUnread(): number {
    let n = 0;
    for (const c of this.conversations.values()) n += this.unread(c);
    return n;
  }

  sortedConversations(): ConvView[] {
    return [...this.conversations.values()].sort((a, b) => b.updateTime - a.updateTime);
  }

  open(key: string | null): void {
    this.openKey = key;
    if (key && !this.conversations.has(key)) {
      const [t, id] = key.split(':');
      this.conversations.set(key, { key, convType: t as ConvType, convId: id, lastMessage: null, serverUnread: 0, readSeq: 0, updateTime: Date.now() });
      this.wantNames([t === 'SINGLE' ? id : '']);
    }
    if (key) void this.markOpenRead();
    this.changed();
  }

  async markOpenRead(): Promise<void> {
    const c = this.openKey ? this.conversations.get(this.openKey) : undefined;
    const list = c ? this.messages.get(c.key) : undefined;
    if (!c || !list || list.length === 0 || !this.client || this.client.state !== 'online') return;
    const top = list[list.length - 1].seq;
    if (top <= c.readSeq) return;
    c.readSeq = top;
    this.changed();
    try {
      await this.client.markRead(c.convType, c.convId, top);
    } catch (e) {
      this.notice = `Could not mark as read: ${(e as Error).message}`;
      this.changed();
    }
  }

  async send(c: ConvView, text: string, mentions: string[]): Promise<void> {
    if (!this.client) return;
    const r = await this.client.send({ convType: c.convType, toId: c.convId, text, mentions, needReceipt: true });
    // The receipt's starting point is the server's answer, not an assumption; RECEIPT_NOTIFY moves it on.
    try {
      const q = await this.client.queryReceipt(r.msgId);
      if (!this.receipts.has(r.msgId)) this.receipts.set(r.msgId, q);
      this.changed();
    } catch {
      /* shown once a notification arrives */
    }
  }

  /** Fills in counts for the newest own messages of a conversation (RECEIPT_NOTIFY keeps them current). */
  async loadReceipts(key: string): Promise<void> {
    const mine = (this.messages.get(key) ?? []).filter((m) => m.fromUserId === this.me && m.needReceipt && m.kind === 'NORMAL' && !m.recalled).slice(-20);
    for (const m of mine) {
      if (this.receipts.has(m.msgId)) continue;
      try {
        const r = await this.client!.queryReceipt(m.msgId);
        this.receipts.set(m.msgId, r);
      } catch {
        /* shown as unknown */
      }
    }
    this.changed();
  }

  name(id: string): string {
    return this.names.get(id) ?? `User ${id}`;
  }

  /** Batches name look-ups through issue 17's `GET /users?ids=`; stops asking once the server says 404. */
  wantNames(ids: string[]): void {
    if (this.directory === 'missing') return;
    for (const id of ids) if (id && id !== '0' && !this.names.has(id)) this.pendingNames.add(id);
    if (this.pendingNames.size === 0 || this.nameTimer) return;
    this.nameTimer = setTimeout(async () => {
      this.nameTimer = null;
      const batch = [...this.pendingNames].slice(0, 200);
      for (const id of batch) this.pendingNames.delete(id);
      try {
        const r = await this.api.call<unknown>('GET', EMPLOYEE_ROUTES.profiles, undefined, { ids: batch.join(',') });
        const list = (Array.isArray(r) ? r : (r as { users?: unknown[] }).users ?? []) as { id?: string; userId?: string; name?: string }[];
        for (const p of list) if (p.name) this.names.set(String(p.id ?? p.userId), p.name);
        this.directory = 'available';
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) this.directory = 'missing';
      }
      this.changed();
      if (this.pendingNames.size) this.wantNames([]);
    }, 50);
  }
}
