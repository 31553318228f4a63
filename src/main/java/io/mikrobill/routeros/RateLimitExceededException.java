package io.mikrobill.routeros;

import java.util.List;

/** The router's waiting queue is full: refused at once rather than queued without bound. */
public class RateLimitExceededException extends RouterOsException {

  public RateLimitExceededException(String message) {
    super(
        ErrorType.RATE_LIMITED,
        Severity.MEDIUM,
        message,
        null,
        List.of(
            "Retry later: the router is protected from more requests than it can take",
            "Raise MAX_RATE_LIMIT_QUEUE / REQUEST_QUEUE_MAX_SIZE, or RATE_LIMIT_REFILL_RATE if the router can take more",
            "Send urgent work with a higher priority (critical, high)"));
  }
}
