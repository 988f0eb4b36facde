package im.client.bench;

import im.client.Endpoint;
import java.util.List;
import java.util.Map;

/**
 * What the coordinator hands one worker process (as a JSON file): its share of the users, where to
 * connect from and to, and the scenario's parameters.
 *
 * @param scenario   {@code single}, {@code fanout} or {@code reconnect}
 * @param index      this worker's number, 0..workers-1
 * @param firstUser  the index of {@code users.get(0)} among all users of the run (spreads endpoints)
 * @param sourceIp   the local address its connections bind to, e.g. {@code 127.0.0.2}
 * @param spread     rotate the endpoint list per client (else every client prefers the least-loaded node)
 * @param params     scenario parameters, see the scenario's driver
 */
record WorkerSpec(String scenario, int index, int firstUser, List<Endpoint> endpoints, String transport,
                  String sourceIp, boolean spread, List<BenchUser> users, Map<String, Long> params) {

    /** One simulated user: its id and an access token from the HTTP login. */
    record BenchUser(long id, String token) {
    }

    long param(String name) {
        Long v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException("worker spec lacks parameter " + name);
        }
        return v;
    }
}
