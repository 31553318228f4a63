package io.mikrobill.routeros.pool;

import io.mikrobill.routeros.PoolExhaustedException;
import io.mikrobill.routeros.RouterOsConnectionException;
import java.time.Duration;

/**
 * The errors of a caller who gets no connection, each carrying what an operator needs to act:
 * an exhausted pool shows its counts and the last connect failure (as HikariCP's timeout does);
 * a router known to be down names the connect failure and when the pool tries again.
 */
final class AcquireFailures {

  private AcquireFailures() {}

  /** No room on any connection within the acquire timeout, or too many callers waiting. */
  static PoolExhaustedException exhausted(String router, String why, Duration acquireTimeout, PoolState state, Throwable lastFailure) {
    return new PoolExhaustedException(
        "router=" + router + " connection pool exhausted (" + why + ") after " + acquireTimeout.toMillis() + " ms: " + state
            + (lastFailure != null ? " lastFailure=\"" + lastFailure.getMessage() + "\"" : ""),
        lastFailure);
  }

  /**
   * No connection is up and the last connect attempt failed: transient, so the caller retries
   * later, and with the connect failure as its cause.
   *
   * @param nanosToNextAttempt how long until the pool tries again; 0 or less while it is trying
   */
  static RouterOsConnectionException unreachable(String router, Throwable connectFailure, long nanosToNextAttempt) {
    String prefix = "router=" + router + " ";
    String failure = String.valueOf(connectFailure.getMessage());
    return new RouterOsConnectionException(
        prefix + "unreachable: " + (failure.startsWith(prefix) ? failure.substring(prefix.length()) : failure)
            + (nanosToNextAttempt > 0 ? " (retrying in " + inWords(nanosToNextAttempt) + ")" : " (reconnecting now)"),
        connectFailure);
  }

  /** Whole seconds rounded up from one second on, milliseconds below. */
  static String inWords(long nanos) {
    long ms = Math.max(1, nanos / 1_000_000);
    return ms >= 1000 ? (ms + 999) / 1000 + " s" : ms + " ms";
  }
}
