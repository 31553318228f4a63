package io.mikrobill.validation;

import static io.mikrobill.validation.FieldSpec.optional;
import static io.mikrobill.validation.FieldSpec.required;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pipeline's actions and their fields. Every action also takes {@code router} (default
 * {@code default}). {@code disconnectSession} needs {@code id} or {@code username}, checked by
 * {@link RequestValidator}; its {@code type} (hotspot or pppoe) says which active list to look in.
 */
final class Actions {

  /** An action: its fields in order, and fields it needs at least one of (refused on the first). */
  record Spec(String name, Map<String, FieldSpec> fields, List<String> oneOf) {}

  private static final FieldSpec.Rule USERNAME = (v, s) -> Rules.username(v);
  private static final FieldSpec.Rule EXISTING_USERNAME = (v, s) -> Rules.existingUsername(v);
  private static final FieldSpec.Rule PASSWORD = (v, s) -> Rules.password(v);
  private static final FieldSpec.Rule PROFILE = (v, s) -> Rules.profileName(v);
  private static final FieldSpec.Rule COMMENT = Rules::comment;
  private static final FieldSpec.Rule DURATION = (v, s) -> RouterOsDuration.check(v);
  private static final FieldSpec.Rule BYTES = (v, s) -> ByteCount.check(v);
  private static final FieldSpec.Rule MAC = (v, s) -> NetworkAddress.macAddress(v);
  private static final FieldSpec.Rule IP = (v, s) -> NetworkAddress.ipAddress(v);
  private static final FieldSpec.Rule SERVICE = (v, s) -> Rules.service(v);
  private static final FieldSpec.Rule TYPE = (v, s) -> Rules.userType(v);

  private static final Map<String, Spec> ACTIONS = new LinkedHashMap<>();

  static {
    FieldSpec router = optional("router", (v, s) -> Rules.routerName(v)).withDefault("default");
    FieldSpec username = required("username", USERNAME);
    FieldSpec password = required("password", PASSWORD).asSecret();
    FieldSpec profile = optional("profile", PROFILE).asProfileRef();
    FieldSpec comment = optional("comment", COMMENT);
    FieldSpec type = optional("type", TYPE).withDefault("hotspot");

    List<FieldSpec> hotspotUser = List.of(username, password, profile, comment,
        optional("limitUptime", DURATION), optional("limitBytesTotal", BYTES),
        optional("server", PROFILE), optional("macAddress", MAC));
    add("createHotspotUser", hotspotUser, List.of(), router);
    add("updateHotspotUser", existing(allOptionalBut("username", hotspotUser)), List.of(), router);

    List<FieldSpec> secret = List.of(username, password, profile, optional("service", SERVICE),
        optional("localAddress", IP), optional("remoteAddress", IP), comment);
    add("createPPPoESecret", withDefault(secret, "service", "pppoe"), List.of(), router);
    add("updatePPPoESecret", existing(allOptionalBut("username", secret)), List.of(), router);

    for (String a : List.of("disableUser", "enableUser", "removeUser")) {
      add(a, List.of(required("username", EXISTING_USERNAME), type), List.of(), router);
    }
    add("disconnectSession", List.of(optional("id", (v, s) -> Rules.sessionId(v)), optional("username", EXISTING_USERNAME), type),
        List.of("id", "username"), router);
    add("createVouchers", List.of(
        required("count", (v, s) -> Rules.integer(v, 1, 10_000)),
        required("profile", PROFILE).asProfileRef(),
        optional("price", (v, s) -> Rules.price(v)),
        optional("prefix", (v, s) -> Rules.voucherPrefix(v)),
        optional("codeLength", (v, s) -> Rules.integer(v, 4, 32))), List.of(), router);
    add("createProfile", List.of(
        required("name", PROFILE),
        optional("rateLimit", (v, s) -> RateLimit.check(v)),
        optional("sessionTimeout", DURATION),
        optional("idleTimeout", DURATION),
        optional("sharedUsers", (v, s) -> Rules.integer(v, 1, 1000))), List.of(), router);
  }

  private Actions() {}

  /** The action's spec, or null when the pipeline has no such action. */
  static Spec find(String action) {
    return ACTIONS.get(action);
  }

  static Set<String> names() {
    return ACTIONS.keySet();
  }

  private static void add(String name, List<FieldSpec> fields, List<String> oneOf, FieldSpec router) {
    Map<String, FieldSpec> byName = new LinkedHashMap<>();
    for (FieldSpec f : fields) {
      byName.put(f.name(), f);
    }
    byName.put(router.name(), router);
    ACTIONS.put(name, new Spec(name, Collections.unmodifiableMap(byName), oneOf));
  }

  private static List<FieldSpec> allOptionalBut(String keep, List<FieldSpec> fields) {
    List<FieldSpec> out = new ArrayList<>();
    for (FieldSpec f : fields) {
      out.add(f.name().equals(keep) ? f
          : new FieldSpec(f.name(), false, f.rule(), null, f.secret(), f.profileRef()));
    }
    return out;
  }

  /** The fields with {@code username} naming a user that exists: the rule of {@link Rules#existingUsername}. */
  private static List<FieldSpec> existing(List<FieldSpec> fields) {
    return fields.stream().map(f -> f.name().equals("username")
        ? new FieldSpec(f.name(), f.required(), EXISTING_USERNAME, f.defaultValue(), f.secret(), f.profileRef()) : f).toList();
  }

  private static List<FieldSpec> withDefault(List<FieldSpec> fields, String name, String value) {
    return fields.stream().map(f -> f.name().equals(name) ? f.withDefault(value) : f).toList();
  }
}
