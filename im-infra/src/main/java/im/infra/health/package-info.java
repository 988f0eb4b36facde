/** The operator's HTTP port of every service: health checks and Prometheus metrics. */
package im.infra.health;
