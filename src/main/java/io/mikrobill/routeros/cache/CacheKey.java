package io.mikrobill.routeros.cache;

/**
 * A cached read: the router, the menu group a write invalidates, and a name (given by the caller
 * as {@code cacheKey}, or made from the command's words).
 */
public record CacheKey(String router, String group, String name) {

  public static CacheKey of(String router, String menu, String name) {
    return new CacheKey(router, groupOf(menu), name);
  }

  /**
   * The group of menus that a write to {@code menu} may change: the first path element, or the
   * first two under {@code /ip} ({@code /ip/hotspot}, {@code /ppp}, {@code /system}). Coarse on
   * purpose: removing a hotspot user also ends its active session, removing a PPP secret its PPP
   * session, and renaming a profile changes the users that name it.
   */
  public static String groupOf(String menu) {
    int first = menu.indexOf('/', 1);
    if (first < 0) {
      return menu;
    }
    if (!menu.startsWith("/ip/")) {
      return menu.substring(0, first);
    }
    int second = menu.indexOf('/', first + 1);
    return second < 0 ? menu : menu.substring(0, second);
  }
}
