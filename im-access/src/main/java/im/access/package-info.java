/** im-access: the access tier. */
package im.access;
