package io.mikrobill.security;

/**
 * A sealed value did not open: it is not in the sealed form, was changed, was moved from another
 * row or column, or was sealed with another key. The message names where it was, never its content.
 */
public final class SealedValueException extends RuntimeException {

  public SealedValueException(String message) {
    super(message);
  }
}
