/**
 * The public HTTP API of PROTOCOL.md ("HTTP API", base {@code /api/v1}) on Javalin 6 (Jetty) with
 * Jackson: login with the least-loaded access endpoints, admin routes for tenants, departments,
 * users and visibility, group routes, and the message-archive search routes (answered by
 * im-ext-logic's {@code SearchService}). On the same port, {@link im.access.http.StaticApps} serves
 * the built web apps at {@code /admin/} and {@code /app/}.
 *
 * <p>Threads: every handler runs on Jetty's bounded, named request pool ({@code http-api-*}), never
 * on a Netty event loop of the gateway; org calls are blocking Dubbo calls with the consumer
 * timeout on those threads. Bearer tokens are verified locally (HMAC, {@code im.infra.auth}) plus
 * one Redis round trip for revocation. Every field is validated here (types, presence, lengths,
 * id syntax; unknown fields are refused) and again by im-org-service (meaning, scope); any refusal
 * is the status of PROTOCOL.md with {@code {"code": N, "message": "..."}}. 64-bit ids are answered
 * as strings and accepted as strings or numbers.
 */
package im.access.http;
