package io.mikrobill.billing;

import java.util.Map;

/**
 * The one mapping between the guide's field names (camelCase, in JSON, CSV results and messages)
 * and RouterOS attribute names (kebab-case, on the wire): {@code limitUptime} is {@code
 * limit-uptime}, {@code macAddress} is {@code mac-address}. A user's or secret's {@code username}
 * is RouterOS's {@code name} (a session's {@code user}), and {@code id} is {@code .id}.
 */
final class FieldNames {

  private static final Map<String, String> TO_ROUTEROS = Map.of("username", "name", "newUsername", "name", "id", ".id");

  private FieldNames() {}

  /** The RouterOS attribute of a guide field. */
  public static String toRouterOs(String guide) {
    String special = TO_ROUTEROS.get(guide);
    if (special != null) {
      return special;
    }
    StringBuilder b = new StringBuilder(guide.length() + 4);
    for (char c : guide.toCharArray()) {
      if (Character.isUpperCase(c)) {
        b.append('-').append(Character.toLowerCase(c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * The guide's name of a RouterOS attribute; {@code name} is {@code username} for users and
   * sessions ({@code namedByName} false) and stays {@code name} for profiles and other named things.
   */
  public static String toGuide(String routerOs, boolean namedByName) {
    if (routerOs.equals(".id")) {
      return "id";
    }
    if (routerOs.equals("user") || (routerOs.equals("name") && !namedByName)) {
      return "username";
    }
    StringBuilder b = new StringBuilder(routerOs.length());
    boolean up = false;
    for (char c : routerOs.toCharArray()) {
      if (c == '-') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return b.toString();
  }
}
