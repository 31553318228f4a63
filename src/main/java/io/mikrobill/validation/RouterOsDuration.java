package io.mikrobill.validation;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RouterOS time values as the pipeline accepts them: units largest first ({@code 1w2d3h4m5s},
 * {@code 30m}, {@code 1w}), a clock ({@code 00:30:00}, optionally after days: {@code 1d00:30:00}),
 * a bare number of seconds, or {@code none}. {@code none} means "no limit" and parses to zero, as
 * {@code 0s} does on a router. Traps: {@code m} is minutes (there is no month); units may not
 * repeat or come out of order; every unit needs digits ({@code 1dh} is refused); a value whose
 * seconds do not fit a long is refused rather than wrapped.
 */
public final class RouterOsDuration {

  private static final Pattern UNITS =
      Pattern.compile("(?:([0-9]{1,19})w)?(?:([0-9]{1,19})d)?(?:([0-9]{1,19})h)?(?:([0-9]{1,19})m)?(?:([0-9]{1,19})s)?");
  private static final Pattern CLOCK = Pattern.compile("(?:([0-9]{1,19})d)?([0-9]{1,2}):([0-9]{2}):([0-9]{2})");
  private static final Pattern SECONDS = Pattern.compile("[0-9]{1,19}");
  private static final long[] UNIT_SECONDS = {604_800, 86_400, 3_600, 60, 1};
  private static final String[] UNIT_NAMES = {"w", "d", "h", "m", "s"};

  private RouterOsDuration() {}

  public static Verdict check(String v) {
    return parse(v).isPresent()
        ? Verdict.ok(v)
        : Verdict.fail(FieldError.FORMAT, "must be a RouterOS duration such as 1d2h3m4s, 30m, 1w, 00:30:00 or none");
  }

  /** The duration, or empty when the text is not a time value or overflows. */
  public static Optional<Duration> parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 64) {
      return Optional.empty();
    }
    if (text.equals("none")) {
      return Optional.of(Duration.ZERO);
    }
    try {
      if (SECONDS.matcher(text).matches()) {
        return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
      }
      Matcher clock = CLOCK.matcher(text);
      if (clock.matches()) {
        long m = Long.parseLong(clock.group(3));
        long s = Long.parseLong(clock.group(4));
        if (m > 59 || s > 59) {
          return Optional.empty();
        }
        long days = clock.group(1) == null ? 0 : Long.parseLong(clock.group(1));
        long total = Math.multiplyExact(days, 86_400L);
        total = Math.addExact(total, Long.parseLong(clock.group(2)) * 3_600 + m * 60 + s);
        return Optional.of(Duration.ofSeconds(total));
      }
      Matcher units = UNITS.matcher(text);
      if (!units.matches()) {
        return Optional.empty();
      }
      long total = 0;
      for (int i = 0; i < UNIT_SECONDS.length; i++) {
        String g = units.group(i + 1);
        if (g != null) {
          total = Math.addExact(total, Math.multiplyExact(Long.parseLong(g), UNIT_SECONDS[i]));
        }
      }
      return Optional.of(Duration.ofSeconds(total));
    } catch (ArithmeticException | NumberFormatException overflow) {
      return Optional.empty();
    }
  }

  /** As RouterOS 7 prints it: largest units first, zero units left out, {@code 0s} for zero. */
  public static String format(Duration d) {
    long total = Math.max(0, d.getSeconds());
    if (total == 0) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < UNIT_SECONDS.length; i++) {
      long n = total / UNIT_SECONDS[i];
      if (n > 0) {
        b.append(n).append(UNIT_NAMES[i]);
        total -= n * UNIT_SECONDS[i];
      }
    }
    return b.toString();
  }
}
