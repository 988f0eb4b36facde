/** Read: moves a read seq and recounts unread. */
package im.logic.read;
