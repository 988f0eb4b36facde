/** Conversations per user and the conversation list. */
package im.logic.conversation;
