/**
 * The client wire protocol: command numbers and the protobuf messages generated from
 * {@code im.proto} (PROTOCOL.md).
 */
package im.api.protocol;
