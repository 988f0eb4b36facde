/** im-logic: the messaging core. */
package im.logic;
