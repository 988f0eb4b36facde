/** Process plumbing: ordered shutdown of what a service's composition root built. */
package im.infra.process;
