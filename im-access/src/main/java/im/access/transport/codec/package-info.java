/**
 * The 20-byte-header frame of PROTOCOL.md section 1, shared by every transport: {@link
 * im.access.transport.codec.FrameCodec} parses and writes it, {@link
 * im.access.transport.codec.FrameDecoder} is the per-channel stream decoder for TCP, {@link
 * im.access.transport.codec.FrameEncoder} the stateless encoder.
 */
package im.access.transport.codec;
