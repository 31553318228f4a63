package io.mikrobill.billing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a billing request asks of a router, with the RouterOS command it becomes. Names are the
 * guide's ({@code createHotspotUser}...), shared by HTTP, CSV rows and JMS messages.
 */
public enum Action {
  CREATE_HOTSPOT_USER("createHotspotUser", "/ip/hotspot/user/add", Kind.CREATE),
  UPDATE_HOTSPOT_USER("updateHotspotUser", "/ip/hotspot/user/set", Kind.UPDATE),
  CREATE_PPPOE_SECRET("createPPPoESecret", "/ppp/secret/add", Kind.CREATE),
  UPDATE_PPPOE_SECRET("updatePPPoESecret", "/ppp/secret/set", Kind.UPDATE),
  DISABLE_USER("disableUser", "disable", Kind.BY_NAME),
  ENABLE_USER("enableUser", "enable", Kind.BY_NAME),
  REMOVE_USER("removeUser", "remove", Kind.BY_NAME),
  DISCONNECT_SESSION("disconnectSession", "remove", Kind.SESSION);

  /** How the command addresses its item. */
  public enum Kind {
    CREATE,
    UPDATE,
    BY_NAME,
    SESSION
  }

  private static final Map<String, Action> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(Action::wireName, a -> a));

  private final String wireName;
  private final String command;
  private final Kind kind;

  Action(String wireName, String command, Kind kind) {
    this.wireName = wireName;
    this.command = command;
    this.kind = kind;
  }

  public String wireName() {
    return wireName;
  }

  /** The command path, or for user actions the verb to apply under the user's menu. */
  public String command() {
    return command;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * Whether the action works on PPP secrets and sessions rather than hotspot ones: by its name
   * for the create and update actions, by the request's {@code type} (hotspot or pppoe) for the
   * others.
   */
  public boolean isPpp(Map<String, ?> fields) {
    return switch (this) {
      case CREATE_PPPOE_SECRET, UPDATE_PPPOE_SECRET -> true;
      case CREATE_HOTSPOT_USER, UPDATE_HOTSPOT_USER -> false;
      default -> {
        Object type = fields.get("type");
        yield type != null && (String.valueOf(type).equalsIgnoreCase("pppoe") || String.valueOf(type).equalsIgnoreCase("ppp"));
      }
    };
  }

  /**
   * The roles that may ask for it: every role that manages users (admin, operator, billing) for
   * the user actions; disconnecting a session is for people (admin, operator).
   */
  public java.util.Set<io.mikrobill.security.Role> roles() {
    return this == DISCONNECT_SESSION
        ? java.util.EnumSet.of(io.mikrobill.security.Role.ADMIN, io.mikrobill.security.Role.OPERATOR)
        : java.util.EnumSet.of(io.mikrobill.security.Role.ADMIN, io.mikrobill.security.Role.OPERATOR,
            io.mikrobill.security.Role.BILLING);
  }

  /** Whether "no such item" on a repeat means the earlier attempt removed it (a remove or a disconnect). */
  public boolean goneMeansApplied() {
    return this == REMOVE_USER || this == DISCONNECT_SESSION;
  }

  /** The action of that name; an unknown one is refused with the valid names. */
  public static Action parse(String name) {
    Action a = name == null ? null : BY_NAME.get(name.trim());
    if (a == null) {
      throw new IllegalArgumentException("unknown action '" + name + "'; valid actions: " + names());
    }
    return a;
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(Action::wireName).toList();
  }
}
