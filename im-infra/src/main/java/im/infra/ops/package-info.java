/**
 * Operator commands run beside the services (plain {@code main} programs on a service jar's class path),
 * e.g. dropping what a finished test namespace left on the shared servers.
 */
package im.infra.ops;
