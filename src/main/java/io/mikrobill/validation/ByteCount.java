package io.mikrobill.validation;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte counts for {@code limit-bytes-*}: digits, optionally followed by one of {@code k}/{@code K},
 * {@code M} or {@code G}, which multiply by 1024, 1024² and 1024³ as the router (and our
 * simulator) does. The product must fit a signed 64-bit count; the text is passed on unchanged.
 */
public final class ByteCount {

  private static final Pattern FORM = Pattern.compile("([0-9]{1,19})([kKMG]?)");

  private ByteCount() {}

  public static Verdict check(String v) {
    Matcher m = FORM.matcher(v);
    if (!m.matches()) {
      return Verdict.fail(FieldError.FORMAT, "must be a byte count: digits, optionally followed by k, M or G");
    }
    return parse(v).isPresent()
        ? Verdict.ok(v)
        : Verdict.fail(FieldError.RANGE, "must be at most " + Long.MAX_VALUE + " bytes");
  }

  /** The number of bytes, or empty when malformed or above {@link Long#MAX_VALUE}. */
  public static OptionalLong parse(String v) {
    Matcher m = FORM.matcher(v);
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    long factor = switch (m.group(2)) {
      case "k", "K" -> 1L << 10;
      case "M" -> 1L << 20;
      case "G" -> 1L << 30;
      default -> 1L;
    };
    try {
      return OptionalLong.of(Math.multiplyExact(Long.parseLong(m.group(1)), factor));
    } catch (ArithmeticException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
