package io.mikrobill.routeros.cache;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A cached read: the router, the menu it reads, and a name (given by the caller as {@code
 * cacheKey}, or made from the command's words).
 */
public record CacheKey(String router, String menu, String name) {

  /**
   * Menus whose content a write to the key menu also changes: removing a hotspot user ends its
   * active session, renaming a profile changes the users that name it, and so on.
   */
  private static final Map<String, List<String>> DEPENDENTS = Map.of(
      "/ip/hotspot/user", List.of("/ip/hotspot/active"),
      "/ip/hotspot/user/profile", List.of("/ip/hotspot/user", "/ip/hotspot/active"),
      "/ip/hotspot", List.of("/ip/hotspot/user", "/ip/hotspot/active"),
      "/ppp/secret", List.of("/ppp/active"),
      "/ppp/profile", List.of("/ppp/secret", "/ppp/active"),
      "/system/identity", List.of("/system/resource"));

  public static CacheKey of(String router, String menu, String name) {
    return new CacheKey(router, menu, name);
  }

  /** The menus whose cached reads a write to {@code menu} makes stale: itself and its dependents. */
  public static Set<String> invalidatedBy(String menu) {
    Set<String> out = new LinkedHashSet<>();
    out.add(menu);
    out.addAll(DEPENDENTS.getOrDefault(menu, List.of()));
    return out;
  }
}
