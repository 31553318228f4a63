package io.mikrobill.validation;

import java.util.regex.Pattern;

/**
 * A {@code rate-limit} value, checked position by position:
 *
 * <pre>
 *   rx[/tx] [burst-rx[/burst-tx] [threshold-rx[/threshold-tx] [burst-time-rx[/burst-time-tx] [priority [min-rx[/min-tx]]]]]]
 * </pre>
 *
 * Rates are digits with an optional {@code k} (1,000) or {@code M} (1,000,000); burst times are
 * seconds ({@code 10} or {@code 10s}); priority is 1 to 8. The trap: fields are positional, so
 * {@code 1M/2M 8} sets a burst rate of 8 bit/s, not a priority. Stricter than RouterOS (no
 * decimals, no {@code G}) so that what passes here is accepted by every router version.
 */
public final class RateLimit {

  private static final Pattern RATE = Pattern.compile("[0-9]{1,12}[kM]?");
  private static final Pattern BURST_TIME = Pattern.compile("[0-9]{1,9}s?");
  private static final Pattern PRIORITY = Pattern.compile("[1-8]");
  private static final String[] POSITION = {"rate", "burst rate", "burst threshold", "burst time", "priority", "minimum rate"};

  private RateLimit() {}

  public static Verdict check(String v) {
    String[] parts = v.trim().split(" +");
    if (parts.length > 6) {
      return Verdict.fail(FieldError.FORMAT, "must have at most 6 parts: rx/tx burst threshold burst-time priority min");
    }
    for (int i = 0; i < parts.length; i++) {
      boolean ok = switch (i) {
        case 3 -> isPair(parts[i], BURST_TIME);
        case 4 -> PRIORITY.matcher(parts[i]).matches();
        default -> isPair(parts[i], RATE);
      };
      if (!ok) {
        String expected = switch (i) {
          case 3 -> "seconds such as 10 or 10s";
          case 4 -> "1 to 8";
          default -> "digits with an optional k or M, as rx or rx/tx";
        };
        return Verdict.fail(FieldError.FORMAT, "has an invalid " + POSITION[i] + " (part " + (i + 1) + "): expected " + expected);
      }
    }
    return Verdict.ok(v);
  }

  private static boolean isPair(String token, Pattern one) {
    String[] rxTx = token.split("/", -1);
    if (rxTx.length > 2) {
      return false;
    }
    for (String s : rxTx) {
      if (!one.matcher(s).matches()) {
        return false;
      }
    }
    return true;
  }
}
