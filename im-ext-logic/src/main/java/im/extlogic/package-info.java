/** im-ext-logic: offline push and the message archive. */
package im.extlogic;
