/** The audit trails ({@code im.audit.*} loggers): one escaped line per event. */
package im.infra.audit;
