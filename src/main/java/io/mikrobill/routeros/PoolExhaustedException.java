package io.mikrobill.routeros;

import java.util.List;

/** No connection could be had within the acquire timeout. The message shows the pool's state. */
public class PoolExhaustedException extends RouterOsException {

  public PoolExhaustedException(String message, Throwable lastConnectFailure) {
    super(
        ErrorType.POOL_EXHAUSTED,
        Severity.HIGH,
        message,
        lastConnectFailure,
        List.of(
            "The router is slow or unreachable, or the load exceeds the pool: check the cause",
            "Raise MAX_CONNECTIONS (up to the router's /ip service max-sessions) or ACQUIRE_TIMEOUT",
            "Lower the request rate (RATE_LIMIT_REFILL_RATE) so requests wait in the queue instead"));
  }
}
