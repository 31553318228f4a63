package io.mikrobill.validation;

import java.util.Objects;

/**
 * One refused field. {@code code} is stable and meant for programs ({@link #REQUIRED}...);
 * {@code message} is for people and starts with the field name. Messages never repeat the value
 * of a field, except a profile name that passed its rule, so a password or a hostile payload is
 * never echoed back.
 */
public record FieldError(String field, String code, String message) {

  /** A required field is missing, null or blank. */
  public static final String REQUIRED = "required";
  /** The value is not a string or a number (an object, a list, a boolean, NaN). */
  public static final String TYPE = "type";
  /** Too short or too long, including longer than MAX_STRING_LENGTH. */
  public static final String LENGTH = "length";
  /** Wrong characters or syntax. */
  public static final String FORMAT = "format";
  /** A number outside its bounds. */
  public static final String RANGE = "range";
  /** A field the action does not know, refused in strict mode only. */
  public static final String UNKNOWN_FIELD = "unknown-field";
  /** The action itself is not one the pipeline knows; the field is {@code action}. */
  public static final String UNKNOWN_ACTION = "unknown-action";
  /** The named profile does not exist on the router (only with a profile-existence hook). */
  public static final String NOT_FOUND = "not-found";
  /** The value looks like an attack (XSS, SQL or command injection, path traversal). */
  public static final String SECURITY = "security";

  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
