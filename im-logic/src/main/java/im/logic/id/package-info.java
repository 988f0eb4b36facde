/** Message ids: time-ordered 64-bit ids with worker ids leased from ZooKeeper. */
package im.logic.id;
