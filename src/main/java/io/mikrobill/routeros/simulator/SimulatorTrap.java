package io.mikrobill.routeros.simulator;

/**
 * A command the simulated router refuses: becomes {@code !trap =category= =message=} followed by
 * {@code !done}. Thrown by menus and validators; never escapes the simulator. No stack trace: it
 * is control flow, and refusals are frequent in load tests.
 */
final class SimulatorTrap extends RuntimeException {

  /** Category 0: missing item or command. */
  static final int MISSING = 0;
  /** Category 1: argument value failure. */
  static final int ARGUMENT = 1;
  /** Category 2: execution interrupted. */
  static final int INTERRUPTED = 2;
  /** Category 4: general failure. */
  static final int FAILURE = 4;
  /** No category word at all, as on many real refusals ({@code failure: ...}). */
  static final int NONE = -1;

  private final int category;

  SimulatorTrap(int category, String message) {
    super(message, null, false, false);
    this.category = category;
  }

  int category() {
    return category;
  }

  static SimulatorTrap noSuchItem() {
    return new SimulatorTrap(MISSING, "no such item");
  }

  static SimulatorTrap invalidValue(String argument, String value) {
    return new SimulatorTrap(ARGUMENT, "invalid value for argument " + argument + ": '" + value + "'");
  }
}
