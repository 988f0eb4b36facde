/**
 * The demo tenant {@code acme} that {@code deploy/imctl up} loads: {@link im.org.demo.DemoDataCommand}
 * wires the org endpoints like the service does and {@link im.org.demo.AcmeDemo} loads the data
 * through them (so every validation and scope rule applies), idempotently.
 */
package im.org.demo;
