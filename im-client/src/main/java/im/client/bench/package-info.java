/**
 * Load programs (not tests) against a running access node, with figures recorded in
 * {@code docs/benchmarks.md}.
 */
package im.client.bench;
