import { describe, expect, it } from 'vitest';
import { Cmd, decodeFrame, encodeFrame, FrameError, HEADER_LENGTH, MAX_BODY_LENGTH } from '../src/frame.js';

describe('frame', () => {
  it('encode_shouldWriteTheBigEndianHeader_andDecodeShouldGiveItBack', () => {
    const body = new Uint8Array([1, 2, 3]);
    const f = encodeFrame(Cmd.SEND_REQ, 0x01020304, body);
    expect(f.length).toBe(HEADER_LENGTH + 3);
    expect(Array.from(f.subarray(0, 20))).toEqual([0, 0, 0, 20, 0, 0, 0, 1, 0, 0, 0, 10, 1, 2, 3, 4, 0, 0, 0, 3]);
    const d = decodeFrame(f);
    expect(d.cmd).toBe(Cmd.SEND_REQ);
    expect(d.seq).toBe(0x01020304);
    expect(Array.from(d.body)).toEqual([1, 2, 3]);
  });

  it('decode_shouldRefuse_whenHeadLengthIsNot20', () => {
    const f = encodeFrame(Cmd.HEARTBEAT_REQ, 1);
    new DataView(f.buffer).setInt32(0, 21);
    expect(() => decodeFrame(f)).toThrow(FrameError);
  });

  it('decode_shouldRefuse_whenBodyLengthIsNegativeOrDisagreesWithTheBytes', () => {
    const f = encodeFrame(Cmd.HEARTBEAT_REQ, 1, new Uint8Array(4));
    new DataView(f.buffer).setInt32(16, -1);
    expect(() => decodeFrame(f)).toThrow(/out of range/);
    new DataView(f.buffer).setInt32(16, 5);
    expect(() => decodeFrame(f)).toThrow(/body bytes/);
    expect(() => decodeFrame(f.subarray(0, 10))).toThrow(/shorter/);
  });

  it('encode_shouldRefuse_whenBodyExceedsTheServerLimit', () => {
    expect(() => encodeFrame(Cmd.SEND_REQ, 1, new Uint8Array(MAX_BODY_LENGTH + 1))).toThrow(FrameError);
  });
});
