/** The TypeScript SDK shared by the admin console and the employee web client. */
export * from './frame.js';
export * from './errors.js';
export * from './client.js';
export * from './http.js';
export type { ChatMessage, Conversation, ConvType, ContentType, MsgKind } from './proto.js';
export { idOf } from './proto.js';
export * from './highlight.js';
