package io.mikrobill.routeros.pool;

import io.mikrobill.routeros.PoolExhaustedException;
import java.time.Duration;

/**
 * The errors of a caller who gets no connection, each carrying what an operator needs to act:
 * an exhausted pool shows its counts and the last connect failure (as HikariCP's timeout does).
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
}
