package io.mikrobill.persistence;

/** A value handed to a DAO was refused before reaching the database; the message names it. */
public final class InvalidValueException extends PersistenceException {

  public InvalidValueException(String message) {
    super(message);
  }

  static String require(String name, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException(name + " is required, was '" + value + "'");
    }
    if (value.length() > maxLength) {
      throw new InvalidValueException(
          name + " must be at most " + maxLength + " characters, was " + value.length());
    }
    return value;
  }

  static String optional(String name, String value, int maxLength) {
    return value == null ? null : require(name, value, maxLength);
  }

  /** For text from outside (reasons, details): shortened rather than refused. */
  static String truncate(String value, int maxLength) {
    return value == null || value.length() <= maxLength ? value : value.substring(0, maxLength);
  }

  static void page(int limit, int offset, int maxLimit) {
    if (limit < 1 || limit > maxLimit) {
      throw new InvalidValueException("limit must be between 1 and " + maxLimit + ", was " + limit);
    }
    if (offset < 0) {
      throw new InvalidValueException("offset must not be negative, was " + offset);
    }
  }
}
