package io.mikrobill.routeros.client;

import java.util.List;
import java.util.Map;

/**
 * What a command returned: its {@code !re} records in order, the attributes of its {@code !done}
 * (for example {@code ret} after an add or a count), and whether the router said {@code !empty}.
 */
public record CommandResult(List<Map<String, String>> records, Map<String, String> done, boolean empty) {

  public CommandResult {
    records = List.copyOf(records);
    done = Map.copyOf(done);
  }

  /** The {@code =ret=} of the {@code !done}, or null. */
  public String ret() {
    return done.get("ret");
  }
}
