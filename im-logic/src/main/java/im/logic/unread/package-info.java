/** Unread counters in Redis under a per-user lock, merged for large groups, rebuilt from the streams. */
package im.logic.unread;
