/** Per-user seq: a Redis counter backed by persisted sections in MySQL. */
package im.logic.seq;
