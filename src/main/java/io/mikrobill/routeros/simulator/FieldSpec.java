package io.mikrobill.routeros.simulator;

/**
 * One property of a menu: its RouterOS name, the value a new item gets, how a written value is
 * checked (and normalised), and whether the API may write it at all.
 */
record FieldSpec(String name, String defaultValue, Validator validator, boolean writable) {

  /** Checks a value written to a field; returns the value to store or throws a trap. */
  @FunctionalInterface
  interface Validator {
    String check(String field, String value);
  }

  static final Validator ANY = (f, v) -> v;

  static final Validator BOOLEAN =
      (f, v) -> switch (v) {
        case "yes", "true" -> "true";
        case "no", "false" -> "false";
        default -> throw SimulatorTrap.invalidValue(f, v);
      };

  /** A duration; empty and {@code 0s} mean "none" and are kept as given. */
  static final Validator DURATION =
      (f, v) -> v.isEmpty() || v.equals("none") ? v : RouterDuration.format(RouterDuration.parse(f, v));

  static final Validator BYTES = (f, v) -> v.isEmpty() ? v : Long.toString(ByteCount.parse(f, v));

  static final Validator RATE_LIMIT = RateLimit::check;

  static final Validator COUNT =
      (f, v) -> {
        try {
          int n = Integer.parseInt(v);
          if (n < 0) {
            throw SimulatorTrap.invalidValue(f, v);
          }
          return Integer.toString(n);
        } catch (NumberFormatException e) {
          throw SimulatorTrap.invalidValue(f, v);
        }
      };

  static final Validator MAC =
      (f, v) -> {
        if (v.isEmpty() || v.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
          return v.toUpperCase(java.util.Locale.ROOT);
        }
        throw SimulatorTrap.invalidValue(f, v);
      };

  static final Validator ADDRESS =
      (f, v) -> {
        if (v.isEmpty() || v.matches("(\\d{1,3}\\.){3}\\d{1,3}")) {
          for (String octet : v.isEmpty() ? new String[0] : v.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
              throw SimulatorTrap.invalidValue(f, v);
            }
          }
          return v;
        }
        throw SimulatorTrap.invalidValue(f, v);
      };

  /** One of a fixed set of words, refused with RouterOS's words otherwise. */
  static Validator oneOf(String... choices) {
    java.util.Set<String> allowed = java.util.Set.of(choices);
    return (f, v) -> {
      if (!allowed.contains(v)) {
        throw new SimulatorTrap(SimulatorTrap.ARGUMENT, "input does not match any value of " + f);
      }
      return v;
    };
  }

  static FieldSpec text(String name, String defaultValue) {
    return new FieldSpec(name, defaultValue, ANY, true);
  }

  static FieldSpec of(String name, String defaultValue, Validator validator) {
    return new FieldSpec(name, defaultValue, validator, true);
  }

  /** A property the router computes (counters, uptime); the API cannot write it. */
  static FieldSpec readOnly(String name, String defaultValue) {
    return new FieldSpec(name, defaultValue, ANY, false);
  }
}
