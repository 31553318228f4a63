package io.mikrobill.routeros.router;

import io.mikrobill.routeros.flow.Priority;
import io.mikrobill.routeros.protocol.Command;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * One command for a router with how to run it: its priority, its timeout (null for the router's
 * default), and for reads whether and how to cache.
 */
public record RouterRequest(
    Command command, Priority priority, Duration timeout, boolean useCache, String cacheKey, Duration cacheTtl) {

  private static final Set<String> READ_VERBS = Set.of("print", "get", "getall");

  public RouterRequest {
    Objects.requireNonNull(command, "command");
    priority = priority == null ? Priority.NORMAL : priority;
  }

  public static RouterRequest of(Command command) {
    return new RouterRequest(command, Priority.NORMAL, null, false, null, null);
  }

  public RouterRequest withPriority(Priority p) {
    return new RouterRequest(command, p, timeout, useCache, cacheKey, cacheTtl);
  }

  public RouterRequest cached(String key, Duration ttl) {
    return new RouterRequest(command, priority, timeout, true, key, ttl);
  }

  /** Whether the command only reads (and so may be cached and never invalidates). */
  public boolean isRead() {
    return READ_VERBS.contains(command.verb()) && !command.isStreaming();
  }
}
