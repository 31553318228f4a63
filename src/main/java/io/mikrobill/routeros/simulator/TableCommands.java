package io.mikrobill.routeros.simulator;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The usual verbs of a RouterOS table ({@code add}, {@code set}, {@code remove}, {@code enable},
 * {@code disable}, {@code print}, {@code listen}, {@code get}), limited to the ones the menu
 * allows, plus menu-specific verbs that may also replace a usual one (a session's {@code
 * remove} is a logout). Items are addressed by {@code =.id=} or {@code =numbers=}: a comma list
 * of {@code .id}s or names.
 */
final class TableCommands implements MenuCommands {

  static final Set<String> ALL = Set.of("add", "set", "remove", "enable", "disable", "print", "listen", "get");
  static final Set<String> READ_ONLY = Set.of("print", "listen", "get");

  private final Menu menu;
  private final Set<String> verbs;
  private final Map<String, MenuCommands> extras = new HashMap<>();

  TableCommands(Menu menu, Set<String> verbs) {
    this.menu = menu;
    this.verbs = verbs;
  }

  /** Adds or replaces a verb. */
  TableCommands with(String verb, MenuCommands commands) {
    extras.put(verb, commands);
    return this;
  }

  @Override
  public void run(String verb, Request req, CommandReplies out) {
    MenuCommands extra = extras.get(verb);
    if (extra != null) {
      extra.run(verb, req, out);
      return;
    }
    if (!verbs.contains(verb)) {
      throw MenuCommands.noSuchCommand();
    }
    switch (verb) {
      case "print" -> Printer.print(menu, req, out);
      case "listen" -> Printer.listen(menu, req, out);
      case "add" -> out.done(Map.of("ret", menu.add(values(req))));
      case "set" -> {
        Map<String, String> values = values(req);
        for (String ref : refs(req)) {
          menu.set(ref, values);
        }
        out.done();
      }
      case "remove" -> {
        for (String ref : refs(req)) {
          menu.remove(ref);
        }
        out.done();
      }
      case "enable", "disable" -> {
        for (String ref : refs(req)) {
          menu.set(ref, Map.of("disabled", verb.equals("disable") ? "true" : "false"));
        }
        out.done();
      }
      case "get" -> get(req, out);
      default -> throw MenuCommands.noSuchCommand();
    }
  }

  private void get(Request req, CommandReplies out) {
    String[] refs = refs(req);
    Map<String, String> item = menu.find(refs[0]);
    if (item == null) {
      throw SimulatorTrap.noSuchItem();
    }
    String name = req.attribute("value-name");
    if (name == null) {
      throw new SimulatorTrap(SimulatorTrap.ARGUMENT, "missing value(s) of argument(s) value-name");
    }
    String value = item.get(name);
    if (value == null) {
      throw new SimulatorTrap(SimulatorTrap.ARGUMENT, "no such property " + name);
    }
    out.done(Map.of("ret", value));
  }

  /** The items a command addresses; a missing reference is refused. */
  static String[] refs(Request req) {
    String ref = req.attribute(".id");
    if (ref == null) {
      ref = req.attribute("numbers");
    }
    if (ref == null || ref.isEmpty()) {
      throw new SimulatorTrap(SimulatorTrap.ARGUMENT, "missing value(s) of argument(s) numbers");
    }
    return ref.split(",");
  }

  /** The attributes that are property values: not {@code .id}, {@code numbers} or API words. */
  static Map<String, String> values(Request req) {
    Map<String, String> out = new LinkedHashMap<>();
    req.attributes().forEach((k, v) -> {
      if (!k.startsWith(".") && !k.equals("numbers")) {
        out.put(k, v);
      }
    });
    return out;
  }
}
