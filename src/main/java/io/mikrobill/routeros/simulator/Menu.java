package io.mikrobill.routeros.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One table of the router ({@code /ip/hotspot/user}, {@code /ppp/secret}...): items with an
 * {@code .id} ({@code *1}, {@code *2}, ... in hex, never reused), fields from the schema with
 * their defaults, values checked by the fields' validators, and a feed of changes for {@code
 * listen} and {@code print =follow=}: every added or changed item is published whole, a removed
 * one as {@code .id} plus {@code .dead=yes}.
 *
 * <p>One lock per menu: the simulator's tables are small and the lock is held for microseconds.
 * Listeners are called under it, so they see changes in order; they must not block.
 */
final class Menu {

  private final MenuSchema schema;
  private final Map<String, Map<String, String>> items = new LinkedHashMap<>();
  private final List<Consumer<Map<String, String>>> listeners = new CopyOnWriteArrayList<>();
  // Ids by the value of the key field (name), so lookups by name and uniqueness checks do not scan
  // the table: a router with 100,000 users answers an add in constant time, as RouterOS does.
  private final Map<String, java.util.Set<String>> idsByKey = new java.util.HashMap<>();
  private long nextId = 1;

  Menu(MenuSchema schema) {
    this.schema = schema;
  }

  MenuSchema schema() {
    return schema;
  }

  String path() {
    return schema.path();
  }

  /** Adds an item from API attributes; returns its {@code .id}. */
  synchronized String add(Map<String, String> attributes) {
    Map<String, String> item = new LinkedHashMap<>();
    String id = "*" + Long.toHexString(nextId).toUpperCase(Locale.ROOT);
    item.put(".id", id);
    Map<String, String> checked = check(attributes);
    for (FieldSpec f : schema.fields().values()) {
      item.put(f.name(), checked.getOrDefault(f.name(), f.defaultValue()));
    }
    String key = schema.keyField();
    if (key != null && item.get(key).isEmpty()) {
      throw new SimulatorTrap(SimulatorTrap.ARGUMENT, "missing value(s) of argument(s) " + key);
    }
    requireUnique(item, null);
    nextId++;
    items.put(id, item);
    index(item);
    publish(item);
    return id;
  }

  /** Adds an item the router itself creates (a session), without the API's checks. */
  synchronized String insert(Map<String, String> fields) {
    Map<String, String> item = new LinkedHashMap<>();
    String id = "*" + Long.toHexString(nextId++).toUpperCase(Locale.ROOT);
    item.put(".id", id);
    for (FieldSpec f : schema.fields().values()) {
      item.put(f.name(), fields.getOrDefault(f.name(), f.defaultValue()));
    }
    items.put(id, item);
    index(item);
    publish(item);
    return id;
  }

  /** Changes an item found by {@code .id} or name. */
  synchronized void set(String ref, Map<String, String> attributes) {
    Map<String, String> item = require(ref);
    Map<String, String> checked = check(attributes);
    Map<String, String> next = new LinkedHashMap<>(item);
    next.putAll(checked);
    requireUnique(next, item.get(".id"));
    unindex(item);
    item.putAll(checked);
    index(item);
    publish(item);
  }

  /** Writes fields the router computes (counters, uptime), without the API's checks. */
  synchronized void update(String id, Map<String, String> fields) {
    Map<String, String> item = items.get(id);
    if (item != null) {
      unindex(item);
      item.putAll(fields);
      index(item);
      publish(item);
    }
  }

  synchronized void remove(String ref) {
    Map<String, String> item = require(ref);
    items.remove(item.get(".id"));
    unindex(item);
    Map<String, String> dead = new LinkedHashMap<>();
    dead.put(".id", item.get(".id"));
    dead.put(".dead", "yes");
    publish(dead);
  }

  /** Removes every item (sessions lost on restart). */
  synchronized void clear() {
    for (String id : List.copyOf(items.keySet())) {
      remove(id);
    }
  }

  /** A copy of the item with this {@code .id} or name, or null. */
  synchronized Map<String, String> find(String ref) {
    Map<String, String> item = lookup(ref);
    return item == null ? null : new LinkedHashMap<>(item);
  }

  /** Copies of the first item whose field has this value, or null. */
  synchronized Map<String, String> findBy(String field, String value) {
    for (Map<String, String> item : items.values()) {
      if (Objects.equals(item.get(field), value)) {
        return new LinkedHashMap<>(item);
      }
    }
    return null;
  }

  /** Copies of all items, in {@code .id} order. */
  synchronized List<Map<String, String>> snapshot() {
    List<Map<String, String>> out = new ArrayList<>(items.size());
    for (Map<String, String> item : items.values()) {
      out.add(new LinkedHashMap<>(item));
    }
    return out;
  }

  synchronized int size() {
    return items.size();
  }

  /** The id the next item will get, as a number. */
  synchronized long nextId() {
    return nextId;
  }

  /** Replaces every item with saved ones (ids kept) and the id counter, for a router started from its saved state. */
  synchronized void restore(List<Map<String, String>> saved, long next) {
    items.clear();
    idsByKey.clear();
    for (Map<String, String> s : saved) {
      Map<String, String> item = new LinkedHashMap<>();
      item.put(".id", s.get(".id"));
      for (FieldSpec f : schema.fields().values()) {
        item.put(f.name(), s.getOrDefault(f.name(), f.defaultValue()));
      }
      items.put(item.get(".id"), item);
      index(item);
    }
    nextId = next;
  }

  /**
   * Prints the current items to {@code initial} and then follows changes with {@code changes},
   * atomically, so nothing is missed or seen twice. Returns what stops the following.
   */
  synchronized Runnable follow(Consumer<Map<String, String>> initial, Consumer<Map<String, String>> changes) {
    if (initial != null) {
      for (Map<String, String> item : items.values()) {
        initial.accept(new LinkedHashMap<>(item));
      }
    }
    listeners.add(changes);
    return () -> listeners.remove(changes);
  }

  private void publish(Map<String, String> item) {
    if (listeners.isEmpty()) {
      return;
    }
    Map<String, String> copy = new LinkedHashMap<>(item);
    for (Consumer<Map<String, String>> l : listeners) {
      l.accept(copy);
    }
  }

  private Map<String, String> require(String ref) {
    Map<String, String> item = lookup(ref);
    if (item == null) {
      throw SimulatorTrap.noSuchItem();
    }
    return item;
  }

  private Map<String, String> lookup(String ref) {
    if (ref == null || ref.isEmpty()) {
      return null;
    }
    if (ref.startsWith("*")) {
      return items.get("*" + ref.substring(1).toUpperCase(Locale.ROOT));
    }
    java.util.Set<String> ids = idsByKey.get(ref);
    if (ids == null || ids.isEmpty()) {
      return null;
    }
    return items.get(ids.iterator().next());
  }

  private Map<String, String> check(Map<String, String> attributes) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      FieldSpec f = schema.field(e.getKey());
      if (f == null || !f.writable()) {
        throw new SimulatorTrap(SimulatorTrap.ARGUMENT, "unknown parameter " + e.getKey());
      }
      out.put(f.name(), f.validator().check(f.name(), e.getValue()));
    }
    return out;
  }

  private void index(Map<String, String> item) {
    String key = schema.keyField();
    if (key != null && item.get(key) != null) {
      idsByKey.computeIfAbsent(item.get(key), k -> new java.util.LinkedHashSet<>()).add(item.get(".id"));
    }
  }

  private void unindex(Map<String, String> item) {
    String key = schema.keyField();
    if (key != null && item.get(key) != null) {
      java.util.Set<String> ids = idsByKey.get(item.get(key));
      if (ids != null) {
        ids.remove(item.get(".id"));
        if (ids.isEmpty()) {
          idsByKey.remove(item.get(key));
        }
      }
    }
  }

  private void requireUnique(Map<String, String> candidate, String selfId) {
    if (schema.uniqueFields().isEmpty()) {
      return;
    }
    String key = schema.keyField();
    Iterable<Map<String, String>> others = items.values();
    if (key != null && schema.uniqueFields().contains(key)) {
      List<Map<String, String>> same = new ArrayList<>();
      for (String id : idsByKey.getOrDefault(candidate.get(key), java.util.Set.of())) {
        same.add(items.get(id));
      }
      others = same;
    }
    for (Map<String, String> other : others) {
      if (other.get(".id").equals(selfId)) {
        continue;
      }
      boolean same = true;
      for (String f : schema.uniqueFields()) {
        same &= Objects.equals(other.get(f), candidate.get(f));
      }
      if (same) {
        throw new SimulatorTrap(SimulatorTrap.NONE, schema.duplicateMessage());
      }
    }
  }
}
