package io.mikrobill.routeros;

import java.util.List;

/**
 * The router answered {@code !trap}: the command was understood and refused. Carries the
 * router's category (0 to 7, or -1 when the router sent none) and message.
 */
public class RouterOsTrapException extends RouterOsException {

  private final int category;
  private final String routerMessage;

  public RouterOsTrapException(String command, int category, String routerMessage) {
    super(
        ErrorType.TRAP,
        severityOf(category),
        "router refused " + command + ": " + routerMessage
            + (category >= 0 ? " (category " + category + ")" : ""),
        null,
        suggestionsFor(category));
    this.category = category;
    this.routerMessage = routerMessage;
  }

  /** The trap category, or -1 when the router did not send one. */
  public int category() {
    return category;
  }

  /** The router's own words. */
  public String routerMessage() {
    return routerMessage;
  }

  private static Severity severityOf(int category) {
    return switch (category) {
      case 0, 1 -> Severity.LOW;
      case 2 -> Severity.MEDIUM;
      default -> Severity.HIGH;
    };
  }

  private static List<String> suggestionsFor(int category) {
    return switch (category) {
      case 0 -> List.of("Check the command path and the item's name or .id: it does not exist");
      case 1 -> List.of("Check the argument values against the router's menu (see the message)");
      case 2 -> List.of("The command was interrupted (cancelled or timed out); retry if needed");
      default -> List.of("Read the router's message; check the router's log (/log print)");
    };
  }
}
