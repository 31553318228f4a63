package io.mikrobill.routeros.client;

import io.mikrobill.routeros.protocol.Command;
import java.util.concurrent.CompletableFuture;

/** A command in flight: its tag, and the means to cancel it on the router. */
public final class CommandHandle {

  private final RouterOsConnection connection;
  private final String tag;
  private final Command command;

  CommandHandle(RouterOsConnection connection, String tag, Command command) {
    this.connection = connection;
    this.tag = tag;
    this.command = command;
  }

  /** The tag the command was sent with, or null when it was never sent. */
  public String tag() {
    return tag;
  }

  public Command command() {
    return command;
  }

  /**
   * Sends {@code /cancel =tag=}. The router then ends the command with {@code !trap
   * =category=2 =message=interrupted} and its {@code !done}, which reach the command's listener.
   */
  public CompletableFuture<CommandResult> cancel() {
    if (tag == null) {
      return CompletableFuture.completedFuture(new CommandResult(java.util.List.of(), java.util.Map.of(), false));
    }
    return connection.cancel(tag);
  }
}
