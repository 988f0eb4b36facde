/**
 * Login off the event loops: the token checked locally ({@code TokenCodec}) and against Redis
 * revocations, the route swapped in Redis, the previous device on the same platform kicked
 * wherever it is ({@link im.access.login.RemoteKicker}: locally, or by a Dubbo call addressed to the
 * node that holds it).
 */
package im.access.login;
