/** Cross-process liveness: {@link im.api.ping.PingService} exported by every service. */
package im.api.ping;
