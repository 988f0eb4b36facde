/**
 * The generated protobuf classes (from im-api's im.proto, see scripts/gen-proto.mjs) with 64-bit
 * integers as Long, and the conversions to the SDK's plain shapes: ids are decimal strings (as the
 * HTTP API gives them), seqs and times are numbers (they stay far below 2^53).
 */
import Long from 'long';
import protobuf from 'protobufjs/minimal';
import { im } from './gen/im.js';

// Bundlers cannot see protobufjs' optional require of "long"; without it int64 would lose precision.
protobuf.util.Long = Long as unknown as typeof protobuf.util.Long;
protobuf.configure();

export const pb = im.protocol;
export { Long };

export type ConvType = 'SINGLE' | 'GROUP';
export type ContentType = 'TEXT' | 'IMAGE' | 'FILE' | 'RED_PACKET' | 'CUSTOM' | 'SYSTEM';
export type MsgKind = 'NORMAL' | 'RECALL' | 'GROUP_EVENT';

/** One entry of the user's stream (PROTOCOL.md `Message`). */
export interface ChatMessage {
  msgId: string;
  seq: number;
  convType: ConvType;
  /** SINGLE: the other user; GROUP: the group. */
  convId: string;
  fromUserId: string;
  sendTime: number;
  contentType: ContentType;
  text: string;
  payload: Uint8Array;
  clientMsgId: string;
  kind: MsgKind;
  refMsgId: string;
  needReceipt: boolean;
  mentions: string[];
  recalled: boolean;
}

export interface Conversation {
  convType: ConvType;
  convId: string;
  lastMessage: ChatMessage | null;
  unread: number;
  readSeq: number;
  updateTime: number;
}

type LongLike = Long | number | string | null | undefined;

export function idOf(v: LongLike): string {
  if (v === null || v === undefined) return '0';
  return typeof v === 'object' ? Long.fromValue(v).toString() : String(v);
}

export function numOf(v: LongLike): number {
  if (v === null || v === undefined) return 0;
  return typeof v === 'object' ? Long.fromValue(v).toNumber() : Number(v);
}

export function toLong(id: string | number): Long {
  if (typeof id === 'number') return Long.fromNumber(id);
  if (!/^-?\d{1,19}$/.test(id)) throw new TypeError(`not a decimal id: ${id}`);
  return Long.fromString(id);
}

const CONV_TYPES: Record<number, ConvType> = { 1: 'SINGLE', 2: 'GROUP' };
const CONTENT_TYPES: Record<number, ContentType> = { 1: 'TEXT', 2: 'IMAGE', 3: 'FILE', 4: 'RED_PACKET', 5: 'CUSTOM', 6: 'SYSTEM' };
const KINDS: Record<number, MsgKind> = { 0: 'NORMAL', 1: 'RECALL', 2: 'GROUP_EVENT' };

export function convTypeNumber(t: ConvType): number {
  return t === 'SINGLE' ? 1 : 2;
}

export function convTypeName(n: number | null | undefined): ConvType {
  const t = CONV_TYPES[n ?? 0];
  if (!t) throw new TypeError(`unknown conv_type ${n}`);
  return t;
}

export function messageOf(m: im.protocol.IMessage): ChatMessage {
  return {
    msgId: idOf(m.msgId as LongLike),
    seq: numOf(m.seq as LongLike),
    convType: CONV_TYPES[m.convType ?? 0] ?? 'SINGLE',
    convId: idOf(m.convId as LongLike),
    fromUserId: idOf(m.fromUserId as LongLike),
    sendTime: numOf(m.sendTime as LongLike),
    contentType: CONTENT_TYPES[m.contentType ?? 0] ?? 'TEXT',
    text: m.text ?? '',
    payload: m.payload ?? new Uint8Array(0),
    clientMsgId: m.clientMsgId ?? '',
    kind: KINDS[m.kind ?? 0] ?? 'NORMAL',
    refMsgId: idOf(m.refMsgId as LongLike),
    needReceipt: !!m.needReceipt,
    mentions: (m.mentions ?? []).map((x) => idOf(x as LongLike)),
    recalled: !!m.recalled,
  };
}

export function conversationOf(c: im.protocol.IConversation): Conversation {
  return {
    convType: CONV_TYPES[c.convType ?? 0] ?? 'SINGLE',
    convId: idOf(c.convId as LongLike),
    lastMessage: c.lastMessage ? messageOf(c.lastMessage) : null,
    unread: c.unread ?? 0,
    readSeq: numOf(c.readSeq as LongLike),
    updateTime: numOf(c.updateTime as LongLike),
  };
}
