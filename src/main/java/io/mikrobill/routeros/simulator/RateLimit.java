package io.mikrobill.routeros.simulator;

import java.util.regex.Pattern;

/**
 * Checks a {@code rate-limit} value the way RouterOS does:
 *
 * <pre>
 *   rx[/tx] [burst-rx[/burst-tx] [threshold-rx[/threshold-tx] [time-rx[/time-tx] [priority [min-rx[/min-tx]]]]]]
 * </pre>
 *
 * Rates are whole or decimal numbers with an optional {@code k} (1,000), {@code M} (1,000,000)
 * or {@code G} suffix; burst times are RouterOS durations; priority is 1 to 8. The trap: the
 * fields are positional, so {@code 1M/2M 8} is a burst rate of 8 bits/s, not a priority.
 */
final class RateLimit {

  private static final Pattern RATE = Pattern.compile("\\d+(?:\\.\\d+)?[kMG]?");

  private RateLimit() {}

  /** Returns the value unchanged when valid; throws a trap naming {@code rate-limit} otherwise. */
  static String check(String argument, String value) {
    if (value.isEmpty()) {
      return value;
    }
    String[] parts = value.trim().split("\\s+");
    if (parts.length > 6) {
      throw SimulatorTrap.invalidValue(argument, value);
    }
    for (int i = 0; i < parts.length; i++) {
      boolean ok =
          switch (i) {
            case 3 -> isPair(parts[i], true);
            case 4 -> isPriority(parts[i]);
            default -> isPair(parts[i], false);
          };
      if (!ok) {
        throw SimulatorTrap.invalidValue(argument, value);
      }
    }
    return value;
  }

  static boolean isValid(String value) {
    try {
      check("rate-limit", value);
      return true;
    } catch (SimulatorTrap e) {
      return false;
    }
  }

  private static boolean isPair(String token, boolean times) {
    String[] rxTx = token.split("/", -1);
    if (rxTx.length > 2) {
      return false;
    }
    for (String one : rxTx) {
      boolean ok = times ? RouterDuration.tryParse(one) != null : RATE.matcher(one).matches();
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPriority(String token) {
    if (token.length() != 1 || !Character.isDigit(token.charAt(0))) {
      return false;
    }
    int p = token.charAt(0) - '0';
    return p >= 1 && p <= 8;
  }
}
