/** Read: moves a read seq, recounts unread and tells im-receipt-service which receipt-needing messages became read. */
package im.logic.read;
