/** Minimal JSON text helpers for places that must not pull in a JSON library. */
package im.infra.json;
