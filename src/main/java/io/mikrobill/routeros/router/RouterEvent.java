package io.mikrobill.routeros.router;

import java.time.Instant;
import java.util.Map;

/**
 * Something that happened to a router, as routes see it: {@code initialized}, {@code
 * mikrotik-available}, {@code mikrotik-unavailable}, {@code circuit-breaker-state-change} (with
 * {@code from} and {@code to}) and {@code rate-limit-exceeded}.
 */
public record RouterEvent(String type, String router, Instant time, Map<String, String> details) {

  public static final String INITIALIZED = "initialized";
  public static final String AVAILABLE = "mikrotik-available";
  public static final String UNAVAILABLE = "mikrotik-unavailable";
  public static final String BREAKER_STATE_CHANGE = "circuit-breaker-state-change";
  public static final String RATE_LIMIT_EXCEEDED = "rate-limit-exceeded";

  public RouterEvent {
    details = Map.copyOf(details);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("router=").append(router).append(" event=").append(type);
    details.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
    return b.toString();
  }
}
