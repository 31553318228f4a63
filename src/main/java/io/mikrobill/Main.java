package io.mikrobill;

import io.mikrobill.cli.RosCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The command dispatcher of {@code mikrobill.jar}. The first argument picks a command; {@code run}
 * (the default) starts the Camel application, the others are tools that never start Camel.
 */
public final class Main {

  /** Exit status for a command line that cannot be understood. */
  public static final int EXIT_USAGE = 64;

  private Main() {}

  private static Map<String, Command> commands() {
    Map<String, Command> c = new LinkedHashMap<>();
    c.put("run", new Command("start the MikroBill Camel application (default)", MikroBillApplication::run));
    c.put("ros", new Command("send RouterOS API commands and print the replies as JSON lines", RosCommand::run));
    c.put("simulator", new Command("run the simulated RouterOS router", io.mikrobill.routeros.simulator.SimulatorCommand::run));
    c.put("users", new Command("manage the people who log in: create, list, disable, enable, rotate", io.mikrobill.cli.PrincipalCommand::users));
    c.put("keys", new Command("manage API keys for systems: create, list, disable, enable, rotate", io.mikrobill.cli.PrincipalCommand::keys));
    c.put("bench", new Command("measure commands per second and latency against a router", io.mikrobill.bench.BenchCommand::run));
    return c;
  }

  private record Command(String summary, ToIntFunction<String[]> action) {}

  public static void main(String[] args) {
    System.exit(dispatch(args, System.out, System.err));
  }

  /** Runs the command named by the first argument and returns its exit status. */
  static int dispatch(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
      printHelp(out);
      return 0;
    }
    String name = args.length == 0 || args[0].startsWith("-") ? "run" : args[0];
    String[] rest = args.length == 0 || args[0].startsWith("-") ? args : Arrays.copyOfRange(args, 1, args.length);
    Command command = commands().get(name);
    if (command == null) {
      err.println("mikrobill: unknown command '" + name + "'");
      printHelp(err);
      return EXIT_USAGE;
    }
    return command.action().applyAsInt(rest);
  }

  private static void printHelp(PrintStream out) {
    out.println("usage: java -jar mikrobill.jar [COMMAND] [OPTIONS]");
    out.println();
    out.println("commands:");
    commands().forEach((k, v) -> out.printf("  %-10s %s%n", k, v.summary()));
    out.println();
    out.println("'java -jar mikrobill.jar COMMAND --help' describes a command's options.");
  }
}
