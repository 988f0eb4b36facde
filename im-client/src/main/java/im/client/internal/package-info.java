/** SDK internals: stream bookkeeping and reconnect backoff. Not API. */
package im.client.internal;
