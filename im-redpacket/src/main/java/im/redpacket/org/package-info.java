/** What im-redpacket asks im-organisation: may this user send here, is it a member, is it a tenant admin. */
package im.redpacket.org;
