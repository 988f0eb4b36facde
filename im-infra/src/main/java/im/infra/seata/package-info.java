/** Seata AT mode: the client of the red-packet money flows. */
package im.infra.seata;
