/** Benchmarks run as programs; figures go to docs/benchmarks.md. Not part of the service. */
package im.org.bench;
