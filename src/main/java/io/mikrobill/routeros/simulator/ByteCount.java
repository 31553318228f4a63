package io.mikrobill.routeros.simulator;

/**
 * Byte counts as RouterOS accepts them for {@code limit-bytes-*}: a whole number, optionally with
 * {@code k}, {@code M} or {@code G} (powers of 1024). Stored and printed as the plain number.
 */
final class ByteCount {

  private ByteCount() {}

  static long parse(String argument, String text) {
    if (text == null || text.isEmpty() || text.length() > 24) {
      throw SimulatorTrap.invalidValue(argument, String.valueOf(text));
    }
    long factor = 1;
    String digits = text;
    char last = text.charAt(text.length() - 1);
    switch (last) {
      case 'k', 'K' -> factor = 1024L;
      case 'M' -> factor = 1024L * 1024;
      case 'G' -> factor = 1024L * 1024 * 1024;
      default -> { }
    }
    if (factor != 1) {
      digits = text.substring(0, text.length() - 1);
    }
    if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
      throw SimulatorTrap.invalidValue(argument, text);
    }
    try {
      return Math.multiplyExact(Long.parseLong(digits), factor);
    } catch (ArithmeticException | NumberFormatException e) {
      throw SimulatorTrap.invalidValue(argument, text);
    }
  }

  /** Zero or a missing value means "no limit". */
  static long limitOrZero(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    try {
      return parse("limit", text);
    } catch (SimulatorTrap e) {
      return 0;
    }
  }
}
