/** Pushes to online devices through im-access (port only; not wired yet). */
package im.logic.push;
