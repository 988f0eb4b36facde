/** Message content ({@code message}, sharded by msg id). */
package im.logic.message;
