/** The Dubbo providers of im-redpacket: argument checks and error mapping in front of the handlers. */
package im.redpacket.api;
