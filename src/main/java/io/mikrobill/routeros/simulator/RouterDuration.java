package io.mikrobill.routeros.simulator;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RouterOS time values: {@code 1w2d3h4m5s}, {@code 500ms}, {@code 01:30:00}, or a bare number of
 * seconds. Printed back the way RouterOS 7 prints them ({@code 1d2h3m4s}, {@code 0s}).
 */
final class RouterDuration {

  private static final Pattern UNITS =
      Pattern.compile("(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");
  private static final Pattern CLOCK = Pattern.compile("(?:(\\d+)d)?(\\d{1,2}):(\\d{2}):(\\d{2})");
  private static final long[] UNIT_SECONDS = {604_800, 86_400, 3_600, 60, 1};

  private RouterDuration() {}

  /** Parses a time value; throws a trap naming the argument when it is not one. */
  static Duration parse(String argument, String text) {
    Duration d = tryParse(text);
    if (d == null) {
      throw SimulatorTrap.invalidValue(argument, text);
    }
    return d;
  }

  /** The duration, or null when the text is not a RouterOS time value. */
  static Duration tryParse(String text) {
    if (text == null || text.isEmpty() || text.length() > 40) {
      return null;
    }
    if (text.chars().allMatch(Character::isDigit)) {
      return Duration.ofSeconds(Long.parseLong(text));
    }
    Matcher clock = CLOCK.matcher(text);
    if (clock.matches()) {
      long days = clock.group(1) == null ? 0 : Long.parseLong(clock.group(1));
      long m = Long.parseLong(clock.group(3));
      long s = Long.parseLong(clock.group(4));
      if (m > 59 || s > 59) {
        return null;
      }
      return Duration.ofDays(days).plusHours(Long.parseLong(clock.group(2))).plusMinutes(m).plusSeconds(s);
    }
    Matcher units = UNITS.matcher(text);
    if (!units.matches()) {
      return null;
    }
    long seconds = 0;
    for (int i = 0; i < UNIT_SECONDS.length; i++) {
      String g = units.group(i + 1);
      if (g != null) {
        seconds = Math.addExact(seconds, Math.multiplyExact(Long.parseLong(g), UNIT_SECONDS[i]));
      }
    }
    long millis = units.group(6) == null ? 0 : Long.parseLong(units.group(6));
    return Duration.ofSeconds(seconds).plusMillis(millis);
  }

  /** Formats as RouterOS does: largest units first, zero units left out, {@code 0s} for zero. */
  static String format(Duration d) {
    long total = Math.max(0, d.getSeconds());
    if (total == 0) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    String[] names = {"w", "d", "h", "m", "s"};
    for (int i = 0; i < UNIT_SECONDS.length; i++) {
      long n = total / UNIT_SECONDS[i];
      if (n > 0) {
        b.append(n).append(names[i]);
        total -= n * UNIT_SECONDS[i];
      }
    }
    return b.toString();
  }
}
