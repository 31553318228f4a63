package io.mikrobill.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one typed reader of settings, over any lookup (the environment, application.properties, a
 * router's own {@code NAME_KEY} variables): an unset or blank value takes its default, a bad one is
 * refused naming the variable and the value, never replaced by a default. Every settings class of
 * the application reads through it.
 */
public final class SettingsReader {

  private final Function<String, String> lookup;

  public SettingsReader(Function<String, String> lookup) {
    this.lookup = lookup;
  }

  /** The trimmed value, or empty when unset or blank. */
  public Optional<String> text(String name) {
    String v = lookup.apply(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  public String text(String name, String defaultValue) {
    return text(name).orElse(defaultValue);
  }

  public int integer(String name, int defaultValue) {
    return integer(name, defaultValue, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** A whole number from {@code min} to {@code max}. */
  public int integer(String name, int defaultValue, int min, int max) {
    Optional<String> raw = text(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    long n = whole(name, raw.get());
    if (n < min || n > max) {
      throw refused(name, raw.get(), "must be " + range(min, max) + ", was " + n);
    }
    return (int) n;
  }

  /** true/yes/on/1 or false/no/off/0. */
  public boolean bool(String name, boolean defaultValue) {
    Optional<String> raw = text(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    return switch (raw.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw refused(name, raw.get(), "must be true or false, was '" + raw.get() + "'");
    };
  }

  /** A positive number of milliseconds. */
  public Duration millis(String name, Duration defaultValue) {
    Optional<String> raw = text(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    long n = whole(name, raw.get());
    if (n <= 0) {
      throw refused(name, raw.get(), "must be a positive number of milliseconds, was " + n);
    }
    return Duration.ofMillis(n);
  }

  private static long whole(String name, String raw) {
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw refused(name, raw, "must be a whole number, was '" + raw + "'");
    }
  }

  private static String range(int min, int max) {
    if (max == Integer.MAX_VALUE) {
      return min == 0 ? "0 or more" : "at least " + min;
    }
    return min + " to " + max;
  }

  private static InvalidSettingException refused(String name, String raw, String why) {
    return new InvalidSettingException(name + "=" + raw + " refused: " + why);
  }

  /** A setting whose value is refused; the message names the variable and the value. */
  public static final class InvalidSettingException extends IllegalArgumentException {
    public InvalidSettingException(String message) {
      super(message);
    }
  }
}
