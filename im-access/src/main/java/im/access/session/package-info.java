/**
 * Live connections: the per-channel {@link im.access.session.SessionHandler} (login gate, dispatch,
 * close), the node's {@link im.access.session.SessionRegistry} (connection id and user to
 * connection), and the timing wheel that enforces the login timeout, the idle timeout and the
 * slow-consumer grace for every connection with one thread.
 */
package im.access.session;
