package im.access.session;

import im.access.metrics.GatewayMetrics;
import im.infra.route.RouteTable;

/**
 * The node-wide collaborators every {@link SessionHandler} uses, built once by the composition
 * root; a handler per channel is then cheap to create.
 *
 * @param maxBodyBytes           the frame body limit, also for bodies the gateway writes
 * @param rateBurst              see {@code GatewaySettings}
 * @param ratePerSecond          see {@code GatewaySettings}
 * @param maxRateRejections      see {@code GatewaySettings}
 * @param routeRefreshNanos      how often a busy connection's route TTL is extended (a third of the TTL)
 */
public record SessionServices(SessionRegistry registry, LoginGate login, RouteTable routes, PushAcks pushes,
                              LogicCalls logic, SessionKicker kicker, ConnectionTimers timers, GatewayMetrics metrics,
                              int maxBodyBytes, int ratePerSecond, int rateBurst, int maxRateRejections,
                              long routeRefreshNanos) {
}
