package io.mikrobill.validation;

import java.util.Locale;
import io.mikrobill.config.SettingsReader;
import java.util.function.Function;

/**
 * How requests are checked, read from the guide's variables:
 *
 * <ul>
 *   <li>{@code ENABLE_VALIDATION} (default true): false turns every rule and attack check off; see
 *       {@link RequestValidator} for the little that still runs.
 *   <li>{@code STRICT_VALIDATION} (default false): true refuses fields the action does not know,
 *       and free text (comment) must be printable: no control or invisible formatting characters.
 *   <li>{@code ENABLE_XSS_PROTECTION}, {@code ENABLE_SQL_INJECTION_PROTECTION} (default true):
 *       switch those two attack checks. Command injection and path traversal cannot be switched
 *       off separately: they protect the router itself.
 *   <li>{@code MAX_STRING_LENGTH} (default 255, 1 to 65535): no string field may be longer, and
 *       comments may be this long at most. The upper bound keeps the attack patterns cheap.
 * </ul>
 *
 * A bad value is refused with its variable and value, never replaced by the default.
 */
public record ValidationSettings(
    boolean enabled, boolean strict, boolean xssProtection, boolean sqlInjectionProtection, int maxStringLength) {

  public static final boolean DEFAULT_ENABLED = true;
  public static final boolean DEFAULT_STRICT = false;
  public static final boolean DEFAULT_XSS_PROTECTION = true;
  public static final boolean DEFAULT_SQL_INJECTION_PROTECTION = true;
  public static final int DEFAULT_MAX_STRING_LENGTH = 255;
  public static final int MAX_MAX_STRING_LENGTH = 65_535;

  public static final ValidationSettings DEFAULTS = new ValidationSettings(
      DEFAULT_ENABLED, DEFAULT_STRICT, DEFAULT_XSS_PROTECTION, DEFAULT_SQL_INJECTION_PROTECTION,
      DEFAULT_MAX_STRING_LENGTH);

  public ValidationSettings {
    if (maxStringLength < 1 || maxStringLength > MAX_MAX_STRING_LENGTH) {
      throw new IllegalArgumentException(
          "MAX_STRING_LENGTH must be 1 to " + MAX_MAX_STRING_LENGTH + ", was '" + maxStringLength + "'");
    }
  }

  /** Reads the variables through {@code lookup} (e.g. {@code System::getenv}); unset or blank means default. */
  public static ValidationSettings from(Function<String, String> lookup) {
    SettingsReader r = new SettingsReader(lookup);
    return new ValidationSettings(
        r.bool("ENABLE_VALIDATION", DEFAULT_ENABLED),
        r.bool("STRICT_VALIDATION", DEFAULT_STRICT),
        r.bool("ENABLE_XSS_PROTECTION", DEFAULT_XSS_PROTECTION),
        r.bool("ENABLE_SQL_INJECTION_PROTECTION", DEFAULT_SQL_INJECTION_PROTECTION),
        r.integer("MAX_STRING_LENGTH", DEFAULT_MAX_STRING_LENGTH, 1, MAX_MAX_STRING_LENGTH));
  }

  public ValidationSettings withEnabled(boolean value) {
    return new ValidationSettings(value, strict, xssProtection, sqlInjectionProtection, maxStringLength);
  }

  public ValidationSettings withStrict(boolean value) {
    return new ValidationSettings(enabled, value, xssProtection, sqlInjectionProtection, maxStringLength);
  }

  public ValidationSettings withXssProtection(boolean value) {
    return new ValidationSettings(enabled, strict, value, sqlInjectionProtection, maxStringLength);
  }

  public ValidationSettings withSqlInjectionProtection(boolean value) {
    return new ValidationSettings(enabled, strict, xssProtection, value, maxStringLength);
  }

  public ValidationSettings withMaxStringLength(int value) {
    return new ValidationSettings(enabled, strict, xssProtection, sqlInjectionProtection, value);
  }
}
