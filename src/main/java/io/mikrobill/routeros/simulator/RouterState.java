package io.mikrobill.routeros.simulator;

import static io.mikrobill.routeros.simulator.FieldSpec.ADDRESS;
import static io.mikrobill.routeros.simulator.FieldSpec.BOOLEAN;
import static io.mikrobill.routeros.simulator.FieldSpec.BYTES;
import static io.mikrobill.routeros.simulator.FieldSpec.COUNT;
import static io.mikrobill.routeros.simulator.FieldSpec.DURATION;
import static io.mikrobill.routeros.simulator.FieldSpec.MAC;
import static io.mikrobill.routeros.simulator.FieldSpec.RATE_LIMIT;
import static io.mikrobill.routeros.simulator.FieldSpec.of;
import static io.mikrobill.routeros.simulator.FieldSpec.oneOf;
import static io.mikrobill.routeros.simulator.FieldSpec.readOnly;
import static io.mikrobill.routeros.simulator.FieldSpec.text;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the simulated router holds: its configuration menus (kept across a restart), its
 * session menus (lost on restart), its identity and its boot time. Field names, defaults and
 * refusals follow RouterOS; a new router has the profiles {@code default} (hotspot and PPP) and
 * {@code default-encryption} (PPP).
 */
final class RouterState {

  final RouterClock clock;
  final Menu hotspotServers;
  final Menu hotspotProfiles;
  final Menu hotspotUsers;
  final Menu hotspotActive;
  final Menu pppProfiles;
  final Menu pppSecrets;
  final Menu pppActive;
  final Menu interfaces;
  final Menu services;
  volatile String identity;
  volatile Instant bootTime;

  RouterState(RouterClock clock, String identity) {
    this.clock = clock;
    this.identity = identity;
    this.bootTime = clock.now();
    hotspotServers = new Menu(MenuSchema.of("/ip/hotspot", List.of("name"),
        "failure: server with the same name already exists",
        text("name", ""), text("interface", "ether2"), text("address-pool", "none"),
        text("profile", "default"), of("idle-timeout", "5m", DURATION),
        of("addresses-per-mac", "2", COUNT), of("disabled", "false", BOOLEAN)));
    hotspotProfiles = new Menu(MenuSchema.of("/ip/hotspot/user/profile", List.of("name"),
        "failure: profile with the same name already exists",
        text("name", ""), of("rate-limit", "", RATE_LIMIT), of("shared-users", "1", COUNT),
        of("session-timeout", "", DURATION), of("idle-timeout", "none", DURATION),
        of("keepalive-timeout", "2m", DURATION), text("address-pool", "none"),
        text("address-list", ""), text("on-login", ""), text("on-logout", "")));
    hotspotUsers = new Menu(MenuSchema.of("/ip/hotspot/user", List.of("name", "server"),
        "failure: already have user with this name for this server",
        of("server", "all", this::hotspotServerName), text("name", ""), text("password", ""),
        of("profile", "default", (f, v) -> mustExist(hotspotProfiles, f, v)),
        of("mac-address", "", MAC), of("address", "", ADDRESS), text("email", ""),
        of("limit-uptime", "", DURATION), of("limit-bytes-in", "", BYTES),
        of("limit-bytes-out", "", BYTES), of("limit-bytes-total", "", BYTES),
        readOnly("uptime", "0s"), readOnly("bytes-in", "0"), readOnly("bytes-out", "0"),
        readOnly("packets-in", "0"), readOnly("packets-out", "0"), readOnly("dynamic", "false"),
        text("comment", ""), of("disabled", "false", BOOLEAN)));
    hotspotActive = new Menu(MenuSchema.of("/ip/hotspot/active", List.of(), "",
        readOnly("server", "hotspot1"), readOnly("user", ""), readOnly("domain", ""),
        readOnly("address", ""), readOnly("mac-address", ""), readOnly("login-by", ""),
        readOnly("uptime", "0s"), readOnly("idle-time", "0s"), readOnly("session-time-left", ""),
        readOnly("idle-timeout", ""), readOnly("bytes-in", "0"), readOnly("bytes-out", "0"),
        readOnly("packets-in", "0"), readOnly("packets-out", "0"), readOnly("radius", "false")));
    pppProfiles = new Menu(MenuSchema.of("/ppp/profile", List.of("name"),
        "failure: profile with the same name already exists",
        text("name", ""), of("local-address", "", ADDRESS), of("remote-address", "", ADDRESS),
        of("rate-limit", "", RATE_LIMIT), of("only-one", "default", oneOf("yes", "no", "default")),
        of("session-timeout", "", DURATION), of("idle-timeout", "", DURATION),
        text("dns-server", ""), text("address-list", ""), text("parent-queue", ""),
        of("change-tcp-mss", "yes", oneOf("yes", "no", "default")),
        of("use-encryption", "default", oneOf("yes", "no", "default", "required")), text("comment", "")));
    pppSecrets = new Menu(MenuSchema.of("/ppp/secret", List.of("name"),
        "failure: secret with the same name already exists",
        text("name", ""), text("password", ""),
        of("service", "any", oneOf("any", "async", "l2tp", "ovpn", "pppoe", "pptp", "sstp")),
        text("caller-id", ""), of("profile", "default", (f, v) -> mustExist(pppProfiles, f, v)),
        of("local-address", "", ADDRESS), of("remote-address", "", ADDRESS), text("routes", ""),
        of("limit-bytes-in", "", BYTES), of("limit-bytes-out", "", BYTES),
        readOnly("last-logged-out", ""), readOnly("last-caller-id", ""),
        readOnly("last-disconnect-reason", ""), text("comment", ""), of("disabled", "false", BOOLEAN)));
    pppActive = new Menu(MenuSchema.of("/ppp/active", List.of(), "",
        readOnly("name", ""), readOnly("service", "pppoe"), readOnly("caller-id", ""),
        readOnly("encoding", ""), readOnly("address", ""), readOnly("uptime", "0s"),
        readOnly("session-id", ""), readOnly("limit-bytes-in", "0"), readOnly("limit-bytes-out", "0"),
        readOnly("radius", "false")));
    interfaces = new Menu(MenuSchema.of("/interface", List.of("name"),
        "failure: interface with such name exists",
        text("name", ""), readOnly("default-name", ""), readOnly("type", "ether"),
        of("mtu", "1500", COUNT), readOnly("actual-mtu", "1500"), readOnly("mac-address", ""),
        readOnly("running", "true"), of("disabled", "false", BOOLEAN),
        readOnly("rx-byte", "0"), readOnly("tx-byte", "0"), text("comment", "")));
    services = new Menu(MenuSchema.of("/ip/service", List.of("name"),
        "failure: service with such name exists",
        text("name", ""), of("port", "0", COUNT), text("address", ""), text("certificate", "none"),
        of("max-sessions", "20", (f, v) -> {
          String n = COUNT.check(f, v);
          int max = Integer.parseInt(n);
          if (max < 1 || max > 1000) {
            throw new SimulatorTrap(SimulatorTrap.ARGUMENT, "value of max-sessions out of range (1..1000)");
          }
          return n;
        }),
        readOnly("invalid", "false"), of("disabled", "false", BOOLEAN)));
    seedDefaults();
  }

  /**
   * The services of {@code /ip service}, with the API's ports and {@code max-sessions} as the
   * simulator serves them, so clients can read the session limit as on a real router.
   */
  void seedServices(int apiPort, int apiSslPort, int maxSessions) {
    String max = String.valueOf(maxSessions);
    services.clear();
    services.insert(Map.of("name", "telnet", "port", "23", "disabled", "true"));
    services.insert(Map.of("name", "ftp", "port", "21", "disabled", "true"));
    services.insert(Map.of("name", "www", "port", "80"));
    services.insert(Map.of("name", "ssh", "port", "22"));
    services.insert(Map.of("name", "www-ssl", "port", "443", "disabled", "true"));
    services.insert(Map.of("name", "api", "port", String.valueOf(Math.max(apiPort, 0)), "max-sessions", max));
    services.insert(Map.of("name", "winbox", "port", "8291"));
    services.insert(Map.of("name", "api-ssl", "port", String.valueOf(Math.max(apiSslPort, 0)), "max-sessions", max,
        "disabled", apiSslPort < 0 ? "true" : "false"));
  }

  /** The api service's max-sessions, as configured on the router (changeable with /ip/service/set). */
  int apiMaxSessions(int fallback) {
    Map<String, String> api = services.findBy("name", "api");
    if (api == null || api.get("max-sessions") == null || api.get("max-sessions").isEmpty()) {
      return fallback;
    }
    return Integer.parseInt(api.get("max-sessions"));
  }

  private void seedDefaults() {
    hotspotProfiles.add(Map.of("name", "default"));
    pppProfiles.add(Map.of("name", "default"));
    pppProfiles.add(Map.of("name", "default-encryption", "use-encryption", "yes"));
    hotspotServers.add(Map.of("name", "hotspot1"));
    for (int i = 1; i <= 3; i++) {
      String name = "ether" + i;
      interfaces.insert(Map.of("name", name, "default-name", name,
          "mac-address", String.format("48:8F:5A:00:00:%02X", i)));
    }
  }

  /** Sessions go, configuration stays: what a reboot does. */
  void reboot() {
    hotspotActive.clear();
    pppActive.clear();
    bootTime = clock.now();
  }

  private String hotspotServerName(String field, String value) {
    return value.equals("all") ? value : mustExist(hotspotServers, field, value);
  }

  private static String mustExist(Menu menu, String field, String value) {
    if (menu.findBy("name", value) == null) {
      throw new SimulatorTrap(SimulatorTrap.ARGUMENT, "input does not match any value of " + field);
    }
    return value;
  }
}
