/** Sync: pages of a user's stream. */
package im.logic.sync;
