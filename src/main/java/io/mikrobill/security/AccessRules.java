package io.mikrobill.security;

import io.mikrobill.billing.Action;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which roles may call which endpoint: the one table the HTTP edge checks, in order, first match
 * wins. The writes of the users API take their roles from the action catalogue. Anything not
 * listed needs a principal of any role (and then finds the API's 404).
 */
public final class AccessRules {

  /** One rule: a method ({@code *} for any) and a path pattern; {@code roles} null means public. */
  public record Rule(String method, Pattern path, Set<Role> roles) {

    boolean matches(String m, String p) {
      return (method.equals("*") || method.equalsIgnoreCase(m)) && path.matcher(p).matches();
    }

    public boolean isPublic() {
      return roles == null;
    }
  }

  private static final Set<Role> ANY = EnumSet.allOf(Role.class);
  private static final Set<Role> STAFF = EnumSet.of(Role.ADMIN, Role.OPERATOR);
  private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);
  private static final Set<Role> WATCHERS = EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.MONITOR);
  private static final String USERS = "/api/(hotspot/users|pppoe/secrets)";
  private static final String ONE = "/[^/]+";

  private static final List<Rule> RULES = List.of(
      rule("GET", "/monitoring/(live|ready)", null),
      rule("POST", "/auth/login", null),
      rule("*", "/auth/(logout|me)", ANY),
      rule("*", "/admin(/.*)?", ADMIN),
      rule("POST", "/api/execute", ADMIN),
      rule("POST", USERS, Action.CREATE_HOTSPOT_USER.roles()),
      rule("PATCH", USERS + ONE, Action.UPDATE_HOTSPOT_USER.roles()),
      rule("DELETE", USERS + ONE, Action.REMOVE_USER.roles()),
      rule("POST", USERS + ONE + "/enable", Action.ENABLE_USER.roles()),
      rule("POST", USERS + ONE + "/disable", Action.DISABLE_USER.roles()),
      rule("GET", USERS + "(" + ONE + ")?", STAFF),
      rule("GET", "/api/sessions", STAFF),
      rule("DELETE", "/api/sessions" + ONE, Action.DISCONNECT_SESSION.roles()),
      rule("GET", "/api/profiles", STAFF),
      rule("POST", "/api/profiles/sync", STAFF),
      rule("POST", "/api/vouchers", EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.BILLING)),
      rule("GET", "/api/vouchers", STAFF),
      rule("DELETE", "/api/vouchers" + ONE, STAFF),
      rule("GET", "/monitoring/(health|status|metrics)", WATCHERS),
      rule("*", ".*", ANY));

  private AccessRules() {}

  private static Rule rule(String method, String path, Set<Role> roles) {
    return new Rule(method, Pattern.compile(path), roles == null ? null : Set.copyOf(roles));
  }

  /** The rule for a request; always one (the last matches everything). Paths are compared without a trailing slash. */
  public static Rule of(String method, String path) {
    String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    for (Rule r : RULES) {
      if (r.matches(method, p)) {
        return r;
      }
    }
    throw new IllegalStateException("no rule for " + method);
  }

  public static List<Rule> all() {
    return RULES;
  }
}
