/** im-redpacket: wallets and red packets. */
package im.redpacket;
