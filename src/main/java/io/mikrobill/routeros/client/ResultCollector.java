package io.mikrobill.routeros.client;

import io.mikrobill.routeros.RouterOsException;
import io.mikrobill.routeros.RouterOsTrapException;
import io.mikrobill.routeros.protocol.Command;
import io.mikrobill.routeros.protocol.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Gathers the replies of a command into a {@link CommandResult}, or its first trap into an error. */
final class ResultCollector implements ReplyListener {

  private final Command command;
  private final CompletableFuture<CommandResult> future;
  private final List<Map<String, String>> records = new ArrayList<>();
  private Reply firstTrap;
  private boolean empty;

  ResultCollector(Command command, CompletableFuture<CommandResult> future) {
    this.command = command;
    this.future = future;
  }

  @Override
  public void onReply(Reply reply) {
    switch (reply.type()) {
      case RE -> records.add(reply.attributes());
      case TRAP -> {
        if (firstTrap == null) {
          firstTrap = reply;
        }
      }
      case EMPTY -> empty = true;
      case DONE -> {
        if (firstTrap != null) {
          future.completeExceptionally(
              new RouterOsTrapException(command.path(), firstTrap.category(), String.valueOf(firstTrap.errorMessage())));
        } else {
          future.complete(new CommandResult(records, reply.attributes(), empty));
        }
      }
      case FATAL -> { } // handled by the connection, which fails every pending command
    }
  }

  @Override
  public void onFailure(RouterOsException error) {
    future.completeExceptionally(error);
  }
}
