package io.mikrobill.routeros.simulator;

/** The commands of one menu path: runs a verb, answering through {@code out}. */
@FunctionalInterface
interface MenuCommands {

  /**
   * Runs {@code verb}. Ends the command with {@code out.done()} unless it streams; throws a
   * {@link SimulatorTrap} to refuse it (the dispatcher sends the trap and the {@code !done}).
   */
  void run(String verb, Request request, CommandReplies out);

  static SimulatorTrap noSuchCommand() {
    return new SimulatorTrap(SimulatorTrap.MISSING, "no such command");
  }
}
