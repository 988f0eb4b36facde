/** The gateway's Micrometer meters, registered once per process. */
package im.access.metrics;
