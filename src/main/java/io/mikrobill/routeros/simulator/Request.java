package io.mikrobill.routeros.simulator;

import io.mikrobill.routeros.protocol.WordCharset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command sentence as the router received it: the path, its {@code .tag} (null when untagged),
 * its {@code =name=value} attributes (a later duplicate wins, as on the router) and its query
 * words in order. Words of any other shape are ignored, as RouterOS ignores them.
 */
record Request(String path, String tag, Map<String, String> attributes, List<String> queries) {

  static Request parse(List<byte[]> words, WordCharset charset) {
    String path = charset.decode(words.get(0));
    String tag = null;
    Map<String, String> attrs = new LinkedHashMap<>();
    List<String> queries = List.of();
    for (int i = 1; i < words.size(); i++) {
      String w = charset.decode(words.get(i));
      if (w.startsWith("=")) {
        int eq = w.indexOf('=', 1);
        if (eq < 0) {
          attrs.put(w.substring(1), "");
        } else {
          attrs.put(w.substring(1, eq), w.substring(eq + 1));
        }
      } else if (w.startsWith(".tag=")) {
        tag = w.substring(5);
        if (tag.isEmpty()) {
          tag = null;
        }
      } else if (w.startsWith("?")) {
        if (queries.isEmpty()) {
          queries = new ArrayList<>();
        }
        queries.add(w);
      }
    }
    return new Request(path, tag, attrs, queries);
  }

  /** The menu: the path without its last element ({@code /ip/hotspot/user}). */
  String menu() {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "" : path.substring(0, slash);
  }

  /** The last element of the path ({@code print}, {@code add}, ...). */
  String verb() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  String attribute(String name) {
    return attributes.get(name);
  }

  boolean flag(String name) {
    String v = attributes.get(name);
    return v != null && !v.equals("no") && !v.equals("false");
  }
}
