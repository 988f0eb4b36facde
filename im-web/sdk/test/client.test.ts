import Long from 'long';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImClient, type ClientState } from '../src/client.js';
import type { ChatMessage } from '../src/proto.js';
import { Cmd } from '../src/frame.js';
import { pb } from '../src/proto.js';
import { FakeSocket, message } from './fake-socket.js';

let sockets: FakeSocket[];

function client(extra: Partial<ConstructorParameters<typeof ImClient>[0]> = {}) {
  return new ImClient({
    url: 'ws://test/ws', token: 't', deviceId: 'd1', heartbeatMs: 30_000, requestTimeoutMs: 5_000,
    initialBackoffMs: 1_000, maxBackoffMs: 8_000, random: () => 1,
    socketFactory: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    ...extra,
  });
}

async function online(c: ImClient, maxSeq = 0): Promise<FakeSocket> {
  c.connect();
  const s = sockets[sockets.length - 1];
  s.open();
  s.acceptLogin(maxSeq);
  await flush();
  return s;
}

async function flush() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

function answerSync(s: FakeSocket, messages: ReturnType<typeof message>[], hasMore: boolean, maxSeq: number) {
  const req = s.last(Cmd.SYNC_REQ);
  s.deliver(Cmd.SYNC_RESP, req.seq, pb.SyncResp.encode({ code: 0, messages, hasMore, maxSeq: Long.fromNumber(maxSeq) }).finish());
}

beforeEach(() => {
  sockets = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('ImClient', () => {
  it('login_shouldBeTheFirstFrame_andHeartbeatsShouldFollowEvery30s', async () => {
    const c = client();
    const s = await online(c);
    expect(s.sent[0].cmd).toBe(Cmd.LOGIN_REQ);
    const login = pb.LoginReq.decode(s.sent[0].body);
    expect(login.token).toBe('t');
    expect(login.platform).toBe(3);
    expect(c.state).toBe('online');
    expect(c.userId).toBe('1000000000000000007');
    vi.advanceTimersByTime(30_000);
    expect(s.all(Cmd.HEARTBEAT_REQ)).toHaveLength(1);
    s.deliver(Cmd.HEARTBEAT_RESP, s.last(Cmd.HEARTBEAT_REQ).seq);
    vi.advanceTimersByTime(30_000);
    expect(s.all(Cmd.HEARTBEAT_REQ)).toHaveLength(2);
  });

  it('push_shouldSyncFromTheLastContiguousSeq_whenASeqIsSkipped_andAckOnlyTheContiguousPart', async () => {
    const c = client();
    const got: ChatMessage[] = [];
    c.on('messages', (m) => got.push(...m));
    const s = await online(c, 0);
    answerSync(s, [], false, 0);
    await flush();
    s.deliver(Cmd.MSG_PUSH, 0, pb.MsgPush.encode({ messages: [message(1, '9000000000000000001')] }).finish());
    await flush();
    expect(pb.MsgAck.decode(s.last(Cmd.MSG_ACK).body).maxSeq.toString()).toBe('1');
    s.deliver(Cmd.MSG_PUSH, 0, pb.MsgPush.encode({ messages: [message(3, '9000000000000000003')] }).finish());
    await flush();
    expect(c.lastSeq).toBe(1);
    expect(pb.SyncReq.decode(s.last(Cmd.SYNC_REQ).body).sinceSeq.toString()).toBe('1');
    expect(pb.MsgAck.decode(s.last(Cmd.MSG_ACK).body).maxSeq.toString()).toBe('1');
    answerSync(s, [message(2, '9000000000000000002'), message(3, '9000000000000000003')], false, 3);
    await flush();
    expect(c.lastSeq).toBe(3);
    expect(pb.MsgAck.decode(s.last(Cmd.MSG_ACK).body).maxSeq.toString()).toBe('3');
    expect(got.map((m) => m.seq)).toEqual([1, 3, 2]);
    expect(got.map((m) => m.msgId)).toContain('9000000000000000002'); // 64-bit ids keep every digit
  });

  it('push_shouldBeDeliveredOnce_whenTheServerRepeatsIt', async () => {
    const c = client({ lastSeq: 4 });
    const got: ChatMessage[] = [];
    c.on('messages', (m) => got.push(...m));
    const s = await online(c, 4);
    const push = pb.MsgPush.encode({ messages: [message(5, '9000000000000000005')] }).finish();
    s.deliver(Cmd.MSG_PUSH, 0, push);
    s.deliver(Cmd.MSG_PUSH, 0, push);
    await flush();
    expect(got).toHaveLength(1);
    expect(s.all(Cmd.SYNC_REQ)).toHaveLength(0);
  });

  it('sync_shouldPageUntilHasMoreIsFalse', async () => {
    const c = client({ syncLimit: 2 });
    const s = await online(c, 3);
    answerSync(s, [message(1, '1'), message(2, '2')], true, 3);
    await flush();
    expect(pb.SyncReq.decode(s.last(Cmd.SYNC_REQ).body).sinceSeq.toString()).toBe('2');
    answerSync(s, [message(3, '3')], false, 3);
    await flush();
    expect(s.all(Cmd.SYNC_REQ)).toHaveLength(2);
    expect(c.lastSeq).toBe(3);
  });

  it('send_shouldGoOutAgainWithTheSameClientMsgId_afterTheConnectionDropped', async () => {
    const c = client({ lastSeq: 7 });
    const s = await online(c, 7);
    const sent = c.send({ convType: 'SINGLE', toId: '2000000000000000009', text: '你好' });
    const first = pb.SendReq.decode(s.last(Cmd.SEND_REQ).body);
    expect(first.text).toBe('你好');
    expect(first.needReceipt).toBe(true);
    s.drop();
    await flush();
    expect(c.state).toBe('reconnecting');
    vi.advanceTimersByTime(1_000);
    const s2 = sockets[1];
    s2.open();
    s2.acceptLogin(7);
    await flush();
    const again = pb.SendReq.decode(s2.last(Cmd.SEND_REQ).body);
    expect(again.clientMsgId).toBe(first.clientMsgId);
    s2.deliver(Cmd.SEND_RESP, s2.last(Cmd.SEND_REQ).seq, pb.SendResp.encode({
      code: 0, msgId: Long.fromString('9100000000000000001'), seq: Long.fromNumber(8), clientMsgId: first.clientMsgId,
    }).finish());
    await expect(sent).resolves.toMatchObject({ msgId: '9100000000000000001', seq: 8 });
    expect(c.unsentCount).toBe(0);
    expect(c.lastSeq).toBe(8);
  });

  it('send_shouldRetryWithTheSameClientMsgId_whenTheServerIsBusy_andFailWithTheServersCodeOtherwise', async () => {
    const c = client({ lastSeq: 1 });
    const s = await online(c, 1);
    const p = c.send({ convType: 'GROUP', toId: '5', text: 'x' });
    const first = s.last(Cmd.SEND_REQ);
    s.deliver(Cmd.SEND_RESP, first.seq, pb.SendResp.encode({ code: 1503, message: 'busy' }).finish());
    await flush();
    vi.advanceTimersByTime(1_000);
    const second = s.last(Cmd.SEND_REQ);
    expect(second.seq).not.toBe(first.seq);
    expect(pb.SendReq.decode(second.body).clientMsgId).toBe(pb.SendReq.decode(first.body).clientMsgId);
    s.deliver(Cmd.SEND_RESP, second.seq, pb.SendResp.encode({ code: 1006, message: 'you are muted' }).finish());
    await expect(p).rejects.toMatchObject({ code: 1006, message: 'you are muted' });
  });

  it('reconnect_shouldBackOffExponentiallyUpToTheCap', async () => {
    const c = client();
    c.connect();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const s = sockets[sockets.length - 1];
      s.drop();
      await flush();
      const before = sockets.length;
      let waited = 0;
      while (sockets.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
  });

  it('kickout_shouldStopReconnecting_andFailUnsentMessages', async () => {
    const c = client({ lastSeq: 1 });
    const states: ClientState[] = [];
    c.on('state', (st) => states.push(st));
    const s = await online(c, 1);
    const p = c.send({ convType: 'SINGLE', toId: '9', text: 'x' });
    s.deliver(Cmd.KICKOUT, 0, pb.Kickout.encode({ reason: 1, message: 'logged in elsewhere' }).finish());
    await expect(p).rejects.toMatchObject({ code: 1001 });
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    expect(states[states.length - 1]).toBe('kicked');
  });

  it('login_shouldStop_whenTheTokenIsRefused', async () => {
    const c = client();
    c.connect();
    const s = sockets[0];
    s.open();
    s.deliver(Cmd.LOGIN_RESP, s.last(Cmd.LOGIN_REQ).seq, pb.LoginResp.encode({ code: 1001, message: 'token expired' }).finish());
    await flush();
    expect(c.state).toBe('unauthenticated');
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('request_shouldRejectWithTheServersCode_whenAnErrorFrameEchoesItsSeq', async () => {
    const c = client({ lastSeq: 1 });
    const s = await online(c, 1);
    const p = c.recall('123');
    s.deliver(Cmd.ERROR, s.last(Cmd.RECALL_REQ).seq, pb.CommonResp.encode({ code: 1005, message: 'recall window expired' }).finish());
    await expect(p).rejects.toMatchObject({ code: 1005 });
  });

  it('receiptQuery_shouldGiveTheExactLists', async () => {
    const c = client({ lastSeq: 1 });
    const s = await online(c, 1);
    const p = c.queryReceipt('77');
    s.deliver(Cmd.RECEIPT_QUERY_RESP, s.last(Cmd.RECEIPT_QUERY_REQ).seq, pb.ReceiptQueryResp.encode({
      code: 0, msgId: Long.fromNumber(77), readCount: 1, unreadCount: 1,
      readUserIds: [Long.fromString('3000000000000000001')], unreadUserIds: [Long.fromNumber(4)],
    }).finish());
    await expect(p).resolves.toEqual({ msgId: '77', readCount: 1, unreadCount: 1, readUserIds: ['3000000000000000001'], unreadUserIds: ['4'] });
  });

  it('badFrame_shouldDropTheConnectionAndReconnect', async () => {
    const c = client({ lastSeq: 1 });
    const problems: string[] = [];
    c.on('problem', (e) => problems.push(e.message));
    const s = await online(c, 1);
    s.onmessage?.({ data: new Uint8Array([0, 0, 0, 19]).buffer });
    await flush();
    expect(s.closed).toBe(true);
    expect(problems[0]).toMatch(/shorter/);
    vi.advanceTimersByTime(1_000);
    expect(sockets).toHaveLength(2);
  });
});
