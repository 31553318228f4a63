package io.mikrobill.billing;

import io.mikrobill.routeros.protocol.Command;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a validated billing request into the RouterOS command that applies it. Field names are the
 * guide's (camelCase) and become RouterOS attribute names; users are addressed by name
 * ({@code =numbers=alice}), which RouterOS resolves on the router.
 */
public final class RouterCommands {

  /** The guide's fields an action may set on the router (its other fields address or route it). */
  static final java.util.Set<String> ATTRIBUTES = java.util.Set.of("username", "password", "profile", "comment",
      "limitUptime", "limitBytesTotal", "limitBytesIn", "limitBytesOut", "server", "macAddress", "service",
      "localAddress", "remoteAddress", "callerId", "disabled");

  private RouterCommands() {}

  /** The command for an action on validated fields (the guide's names, as text). */
  public static Command of(Action action, Map<String, String> fields) {
    return switch (action.kind()) {
      case CREATE -> {
        Command.Builder b = Command.builder(action.command());
        attributes(fields, false).forEach(b::attribute);
        if (action == Action.CREATE_PPPOE_SECRET && !fields.containsKey("service")) {
          b.attribute("service", "pppoe");
        }
        yield b.build();
      }
      case UPDATE -> {
        Command.Builder b = Command.builder(action.command()).attribute("numbers", require(fields, "username"));
        attributes(fields, true).forEach(b::attribute);
        if (fields.containsKey("newUsername")) {
          b.attribute("name", fields.get("newUsername"));
        }
        yield b.build();
      }
      case BY_NAME -> Command.builder(userMenu(action, fields) + "/" + action.command())
          .attribute("numbers", require(fields, "username")).build();
      case SESSION -> Command.builder(sessionMenu(action, fields) + "/remove").attribute("numbers", require(fields, "id")).build();
    };
  }

  /** The action's user menu: {@code /ip/hotspot/user}, or {@code /ppp/secret} for its PPP variant. */
  static String userMenu(Action action, Map<String, String> fields) {
    return action.isPpp(fields) ? "/ppp/secret" : "/ip/hotspot/user";
  }

  static String sessionMenu(Action action, Map<String, String> fields) {
    return action.isPpp(fields) ? "/ppp/active" : "/ip/hotspot/active";
  }

  private static Map<String, String> attributes(Map<String, String> fields, boolean skipName) {
    Map<String, String> out = new LinkedHashMap<>();
    fields.forEach((k, v) -> {
      if (ATTRIBUTES.contains(k) && v != null && !(skipName && k.equals("username"))) {
        out.put(FieldNames.toRouterOs(k), v);
      }
    });
    return out;
  }

  private static String require(Map<String, String> fields, String name) {
    String v = fields.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return v;
  }

  /**
   * A router record in the guide's names: {@code .id} becomes {@code id}, {@code name} (and a
   * session's {@code user}) {@code username}, {@code limit-uptime} {@code limitUptime}; passwords
   * are left out and MikroBill's request mark is taken off the comment.
   */
  public static Map<String, Object> toGuideNames(Map<String, String> record) {
    return toGuideNames(record, false);
  }

  /** The same for a named thing that is no user (a profile): its {@code name} stays {@code name}. */
  public static Map<String, Object> toGuideNames(Map<String, String> record, boolean namedByName) {
    Map<String, Object> out = new LinkedHashMap<>();
    record.forEach((k, v) -> {
      if (isSecret(k)) {
        return;
      }
      out.put(FieldNames.toGuide(k, namedByName), k.equals("comment") ? RequestMark.strip(v) : typed(k, v));
    });
    return out;
  }

  /** Router fields that are counts: shown as JSON numbers. */
  private static final java.util.Set<String> COUNTS = java.util.Set.of("bytes-in", "bytes-out", "packets-in", "packets-out",
      "limit-bytes-in", "limit-bytes-out", "limit-bytes-total", "shared-users", "addresses-per-mac");

  /** A router value as a JSON value: true/false as booleans, counts as numbers, the rest as text. */
  private static Object typed(String field, String v) {
    if (v == null) {
      return null;
    }
    if (v.equals("true") || v.equals("false")) {
      return Boolean.valueOf(v);
    }
    if (COUNTS.contains(field) && v.matches("[0-9]{1,18}")) {
      return Long.valueOf(v);
    }
    return v;
  }

  /** A record as the router gave it, without its password fields. */
  public static Map<String, String> withoutSecrets(Map<String, String> record) {
    Map<String, String> out = new LinkedHashMap<>();
    record.forEach((k, v) -> {
      if (!isSecret(k)) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** Whether a RouterOS attribute holds a secret: a password, secret, passphrase or key. */
  public static boolean isSecret(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    return n.contains("password") || n.contains("secret") || n.contains("passphrase") || n.endsWith("-key")
        || n.equals("key") || n.contains("pre-shared");
  }


}
