package io.mikrobill.routeros.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code print} and {@code listen} over rows: {@code ?} queries, {@code =.proplist=}, {@code
 * =count-only=} (the count in {@code !done =ret=}), {@code =follow=} and {@code =follow-only=}
 * (stream changes until cancelled), and {@code !empty} on versions that send it.
 *
 * <p>A property with an empty value is not shown and does not exist for queries: RouterOS omits
 * unset properties, so {@code ?-comment} finds items without a comment.
 */
final class Printer {

  private Printer() {}

  /** Prints rows that are not a menu (system resource, identity). */
  static void print(List<Map<String, String>> rows, Request req, CommandReplies out) {
    PrintQuery query = PrintQuery.parse(req.queries());
    String[] proplist = proplist(req);
    int count = 0;
    boolean countOnly = req.flag("count-only");
    for (Map<String, String> row : rows) {
      Map<String, String> visible = visible(row);
      if (query.matches(visible)) {
        count++;
        if (!countOnly) {
          out.re(project(visible, proplist));
        }
      }
    }
    finish(count, countOnly, out);
  }

  /** Prints a menu, following it when asked. */
  static void print(Menu menu, Request req, CommandReplies out) {
    if (!req.flag("follow") && !req.flag("follow-only")) {
      print(menu.snapshot(), req, out);
      return;
    }
    follow(menu, req, out, req.flag("follow-only"));
  }

  /** {@code listen}: changes only, until cancelled. */
  static void listen(Menu menu, Request req, CommandReplies out) {
    follow(menu, req, out, true);
  }

  private static void follow(Menu menu, Request req, CommandReplies out, boolean changesOnly) {
    PrintQuery query = PrintQuery.parse(req.queries());
    String[] proplist = proplist(req);
    Consumer<Map<String, String>> initial = row -> {
      Map<String, String> visible = visible(row);
      if (query.matches(visible)) {
        out.re(project(visible, proplist));
      }
    };
    Consumer<Map<String, String>> changes = row -> {
      if (row.containsKey(".dead")) {
        out.re(row);
      } else {
        initial.accept(row);
      }
    };
    Runnable stop = menu.follow(changesOnly ? null : initial, changes);
    out.streamUntilCancelled(stop);
  }

  private static void finish(int count, boolean countOnly, CommandReplies out) {
    if (countOnly) {
      out.done(Map.of("ret", Integer.toString(count)));
      return;
    }
    if (count == 0) {
      out.emptyIfSupported();
    }
    out.done();
  }

  private static String[] proplist(Request req) {
    String p = req.attribute(".proplist");
    return p == null ? null : p.isEmpty() ? new String[0] : p.split(",");
  }

  private static Map<String, String> visible(Map<String, String> row) {
    Map<String, String> out = new LinkedHashMap<>();
    row.forEach((k, v) -> {
      if (!v.isEmpty()) {
        out.put(k, v);
      }
    });
    return out;
  }

  private static Map<String, String> project(Map<String, String> row, String[] proplist) {
    if (proplist == null) {
      return row;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String p : proplist) {
      String v = row.get(p);
      if (v != null) {
        out.put(p, v);
      }
    }
    return out;
  }
}
