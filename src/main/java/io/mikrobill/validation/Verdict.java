package io.mikrobill.validation;

/**
 * What a rule says about one value: accepted, with the value normalised, or refused with an
 * error code and a message that reads after the field name ("must be 3 to 32 characters") and
 * never repeats the value.
 */
public record Verdict(String value, String code, String message) {

  public static Verdict ok(String value) {
    return new Verdict(value, null, null);
  }

  public static Verdict fail(String code, String message) {
    return new Verdict(null, code, message);
  }

  public boolean accepted() {
    return code == null;
  }
}
