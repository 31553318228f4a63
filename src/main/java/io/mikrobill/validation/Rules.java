package io.mikrobill.validation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The field rules that are about names, text and numbers. Network addresses, durations, byte
 * counts and rate limits have their own classes. Every rule takes a trimmed, non-empty value and
 * returns a {@link Verdict}. Character classes are ASCII on purpose: RouterOS stores bytes, and a
 * name in one code page is a different name in another.
 */
public final class Rules {

  public static final List<String> SERVICES = List.of("any", "async", "l2tp", "ovpn", "pppoe", "pptp", "sstp");
  public static final List<String> USER_TYPES = List.of("hotspot", "pppoe");
  public static final BigDecimal MAX_PRICE = new BigDecimal("1000000");

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9@._-]+");
  private static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9._ -]+");
  private static final Pattern ROUTER_NAME = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9]+");
  private static final Pattern SESSION_ID = Pattern.compile("\\*[0-9A-Fa-f]{1,16}");
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,18}(?:\\.[0-9]{1,18})?");

  private Rules() {}

  /** 3 to 32 letters, digits, {@code @ . _ -}. */
  public static Verdict username(String v) {
    return ascii(v, 3, 32, USERNAME, "letters, digits, '@', '.', '_' or '-'");
  }

  /**
   * The name of a user that exists already, to read, change, enable, disable or remove it: the
   * characters of {@link #username}, 1 to 64 of them, so a user created on the router outside
   * MikroBill with a shorter or longer name can still be managed.
   */
  public static Verdict existingUsername(String v) {
    return ascii(v, 1, 64, USERNAME, "letters, digits, '@', '.', '_' or '-'");
  }

  /** 8 to 64 printable characters (any script); no control or invisible formatting characters. */
  public static Verdict password(String v) {
    int n = length(v);
    if (n < 8 || n > 64) {
      return Verdict.fail(FieldError.LENGTH, "must be 8 to 64 characters");
    }
    if (!isPrintable(v)) {
      return Verdict.fail(FieldError.FORMAT, "must contain printable characters only (no control characters)");
    }
    return Verdict.ok(v);
  }

  /** A profile (or hotspot server) name: 1 to 64 letters, digits, {@code . _ -} or spaces. */
  public static Verdict profileName(String v) {
    return ascii(v, 1, 64, PROFILE_NAME, "letters, digits, '.', '_', '-' or spaces");
  }

  /** A router name as configured: 1 to 64 letters, digits, {@code _ -}. */
  public static Verdict routerName(String v) {
    return ascii(v, 1, 64, ROUTER_NAME, "letters, digits, '_' or '-'");
  }

  /** A voucher code prefix: 1 to 8 letters or digits. */
  public static Verdict voucherPrefix(String v) {
    return ascii(v, 1, 8, PREFIX, "letters or digits");
  }

  /**
   * Free text, at most MAX_STRING_LENGTH characters. Strict mode wants printable characters only;
   * otherwise line breaks and tabs are allowed, but never NUL, which ends strings in C tooling.
   */
  public static Verdict comment(String v, ValidationSettings settings) {
    if (length(v) > settings.maxStringLength()) {
      return Verdict.fail(FieldError.LENGTH, "must be at most " + settings.maxStringLength() + " characters");
    }
    if (settings.strict() ? !isPrintable(v) : v.indexOf('\0') >= 0) {
      return Verdict.fail(FieldError.FORMAT, settings.strict()
          ? "must contain printable characters only (strict validation)"
          : "must not contain NUL characters");
    }
    return Verdict.ok(v);
  }

  /** A PPP service, case-insensitive, returned in lower case. */
  public static Verdict service(String v) {
    return oneOf(v, SERVICES);
  }

  /** {@code hotspot} or {@code pppoe}, case-insensitive, returned in lower case. */
  public static Verdict userType(String v) {
    return oneOf(v, USER_TYPES);
  }

  /** A RouterOS item id such as {@code *1A}, returned with upper-case hex. */
  public static Verdict sessionId(String v) {
    if (!SESSION_ID.matcher(v).matches()) {
      return Verdict.fail(FieldError.FORMAT, "must be a RouterOS id such as *1A");
    }
    return Verdict.ok(v.toUpperCase(Locale.ROOT));
  }

  /** A whole number from {@code min} to {@code max}, returned without sign or leading zeros. */
  public static Verdict integer(String v, long min, long max) {
    if (!INTEGER.matcher(v).matches()) {
      return Verdict.fail(FieldError.FORMAT, "must be a whole number");
    }
    long n = Long.parseLong(v);
    if (n < min || n > max) {
      return Verdict.fail(FieldError.RANGE, "must be from " + min + " to " + max);
    }
    return Verdict.ok(Long.toString(n));
  }

  /** A price: a decimal from 0 to 1,000,000 with at most two decimals, kept as written. */
  public static Verdict price(String v) {
    if (!DECIMAL.matcher(v).matches()) {
      return Verdict.fail(FieldError.FORMAT, "must be a decimal number such as 12.50");
    }
    BigDecimal p = new BigDecimal(v);
    if (p.scale() > 2) {
      return Verdict.fail(FieldError.FORMAT, "must have at most 2 decimals");
    }
    if (p.signum() < 0 || p.compareTo(MAX_PRICE) > 0) {
      return Verdict.fail(FieldError.RANGE, "must be from 0 to 1000000");
    }
    return Verdict.ok(v);
  }

  /**
   * Printable: no control (Cc), formatting (Cf: zero-width and bidi overrides), surrogate,
   * unassigned or line/paragraph separator characters. Spaces and any script's letters are fine.
   */
  static boolean isPrintable(String v) {
    return v.codePoints().allMatch(cp -> switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.UNASSIGNED,
          Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
      default -> true;
    });
  }

  static int length(String v) {
    return v.codePointCount(0, v.length());
  }

  private static Verdict ascii(String v, int min, int max, Pattern chars, String allowed) {
    int n = length(v);
    if (n < min || n > max) {
      return Verdict.fail(FieldError.LENGTH, "must be " + min + " to " + max + " characters");
    }
    if (!chars.matcher(v).matches()) {
      return Verdict.fail(FieldError.FORMAT, "must contain only " + allowed);
    }
    return Verdict.ok(v);
  }

  private static Verdict oneOf(String v, List<String> allowed) {
    String lower = v.toLowerCase(Locale.ROOT);
    if (!allowed.contains(lower)) {
      return Verdict.fail(FieldError.FORMAT, "must be one of " + String.join(", ", allowed));
    }
    return Verdict.ok(lower);
  }
}
