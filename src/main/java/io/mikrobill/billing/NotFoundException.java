package io.mikrobill.billing;

/** Nothing matched the name or id a request gave. */
public final class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
