package io.mikrobill.security;

import java.util.List;

/**
 * What {@code POST /api/execute} may run: the commands {@code EXECUTE_ALLOW} lists (command paths;
 * a trailing {@code *} matches a prefix), by default the prints of the menus MikroBill manages and
 * {@code /system/resource/print}, {@code /system/identity/print}. Commands that reboot, reset,
 * shut down or change router users, services, files, scripts, the scheduler, certificates, packages
 * or the firewall are refused even when a broad pattern ({@code *}, {@code /system/*}) covers them:
 * an admin must name them, or a pattern inside their menu ({@code /ip/firewall/filter/*}).
 */
public final class ExecutePolicy {

  public static final List<String> DEFAULT_ALLOW = List.of(
      "/ip/hotspot/user/print", "/ip/hotspot/user/profile/print", "/ip/hotspot/active/print", "/ip/hotspot/host/print",
      "/ip/hotspot/print", "/ppp/secret/print", "/ppp/profile/print", "/ppp/active/print",
      "/system/resource/print", "/system/identity/print");

  /** Menus and commands refused unless named explicitly. */
  static final List<String> DANGEROUS = List.of(
      "/system/reboot", "/system/shutdown", "/system/reset-configuration", "/system/reset", "/system/script",
      "/system/scheduler", "/system/package", "/system/backup", "/system/license", "/system/routerboard",
      "/system/upgrade", "/user", "/ip/service", "/file", "/tool/fetch", "/certificate", "/ip/firewall",
      "/ipv6/firewall", "/import", "/export", "/execute", "/quit", "/system/ssh", "/system/ntp/key", "/radius",
      "/ip/ssh", "/ip/socks", "/ip/proxy", "/tool/bandwidth-server", "/tool/mac-server", "/tool/romon", "/ip/dns",
      "/ip/route", "/routing", "/cancel", "/login", "/ip/address", "/interface/wireguard", "/ppp/aaa", "/snmp");

  private final List<String> allow;

  public ExecutePolicy(List<String> allow) {
    this.allow = List.copyOf(allow);
  }

  public List<String> allow() {
    return allow;
  }

  /** Null when {@code command} may run, else the reason it may not. */
  public String refusal(String command) {
    String danger = DANGEROUS.stream().filter(d -> command.equals(d) || command.startsWith(d + "/")).findFirst().orElse(null);
    for (String a : allow) {
      boolean prefix = a.endsWith("*");
      String stem = prefix ? a.substring(0, a.length() - 1) : a;
      boolean matches = prefix ? command.startsWith(stem) : command.equals(stem);
      if (!matches) {
        continue;
      }
      if (danger == null || !prefix || stem.startsWith(danger)) {
        return null;
      }
    }
    if (danger != null) {
      return "'" + command + "' can change or stop the router (" + danger + "); /api/execute refuses it unless EXECUTE_ALLOW names it";
    }
    return "'" + command + "' is not in EXECUTE_ALLOW (" + String.join(", ", allow) + ")";
  }
}
