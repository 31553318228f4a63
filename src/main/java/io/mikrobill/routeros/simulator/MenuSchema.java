package io.mikrobill.routeros.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of one menu: its path, its fields in print order, the fields that together must be
 * unique (for example a hotspot user's {@code name} and {@code server}), and the router's words
 * when an add or set would break that.
 */
record MenuSchema(String path, Map<String, FieldSpec> fields, List<String> uniqueFields, String duplicateMessage) {

  static MenuSchema of(String path, List<String> uniqueFields, String duplicateMessage, FieldSpec... fields) {
    Map<String, FieldSpec> byName = new LinkedHashMap<>();
    for (FieldSpec f : fields) {
      byName.put(f.name(), f);
    }
    return new MenuSchema(path, java.util.Collections.unmodifiableMap(byName), List.copyOf(uniqueFields), duplicateMessage);
  }

  /** The field that names an item ({@code name}), or null when items have no name. */
  String keyField() {
    return fields.containsKey("name") ? "name" : null;
  }

  FieldSpec field(String name) {
    return fields.get(name);
  }
}
