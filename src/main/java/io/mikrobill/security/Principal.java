package io.mikrobill.security;

import java.util.Set;

/**
 * Who asked: a person (logged in with a password), a system (an API key), or MikroBill itself
 * (its own sources and jobs). {@code routers} limits the routers it may act on; empty means all.
 */
public record Principal(String name, Kind kind, Role role, Set<String> routers) {

  public enum Kind { PERSON, KEY, SYSTEM }

  public Principal {
    routers = routers == null ? Set.of() : Set.copyOf(routers);
  }

  /** MikroBill's own sources and jobs (csv, jms, scheduler): trusted as admin on every router. */
  public static Principal system(String name) {
    return new Principal(name, Kind.SYSTEM, Role.ADMIN, Set.of());
  }

  public boolean mayUse(String router) {
    return routers.isEmpty() || routers.contains(router);
  }

  /** How it appears in records and logs: {@code key:shop}, {@code user:alice}, {@code system:csv}. */
  public String label() {
    return switch (kind) {
      case PERSON -> "user:" + name;
      case KEY -> "key:" + name;
      case SYSTEM -> "system:" + name;
    };
  }
}
