package io.mikrobill.security;

import java.util.Locale;

/**
 * What a principal may do. One role per principal:
 * {@code admin} everything (principals, configuration, {@code /api/execute});
 * {@code operator} users, secrets, sessions, profiles, vouchers and reads of monitoring;
 * {@code billing} (systems) creates, changes, enables, disables and removes users and secrets and
 * creates vouchers, and may send to the billing queue;
 * {@code monitor} reads monitoring and metrics.
 */
public enum Role {
  ADMIN, OPERATOR, BILLING, MONITOR;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code name} (any case); an unknown name is an {@link IllegalArgumentException} listing the roles. */
  public static Role parse(String name) {
    if (name != null) {
      for (Role r : values()) {
        if (r.wireName().equalsIgnoreCase(name.trim())) {
          return r;
        }
      }
    }
    throw new IllegalArgumentException("unknown role '" + name + "'; roles are admin, operator, billing, monitor");
  }
}
