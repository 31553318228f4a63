package io.mikrobill.routeros.simulator;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Life on the router: hotspot and PPP sessions that log in, carry traffic and log out. Time moves
 * only through {@link #tick(Duration)}: the simulator calls it on a schedule, tests call it to
 * move time without sleeping. Each tick grows every session's uptime and byte counters, logs out
 * sessions past their user's {@code limit-uptime}, {@code limit-bytes-*} or their profile's
 * {@code session-timeout} (adding the session to the user's counters, as RouterOS does), and,
 * for seeded users only, logs some in and some out at random (about a third online).
 */
final class SessionLife {

  private static final DateTimeFormatter LOGGED_OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final double LOGIN_PER_SECOND = 0.01;
  private static final double LOGOUT_PER_SECOND = 0.02;

  private final RouterState state;
  private final Random random;
  private final Map<String, Live> sessions = new LinkedHashMap<>();
  private final Set<String> seededHotspot = new HashSet<>();
  private final Set<String> seededPpp = new HashSet<>();

  /** One session: which menu it is in, whose it is, and its counters. */
  private static final class Live {
    final boolean hotspot;
    final String id;
    final String owner;
    final long rateIn;
    final long rateOut;
    long timeoutMillis;
    long millis;
    long bytesIn;
    long bytesOut;

    Live(boolean hotspot, String id, String owner, long rateIn, long rateOut) {
      this.hotspot = hotspot;
      this.id = id;
      this.owner = owner;
      this.rateIn = rateIn;
      this.rateOut = rateOut;
    }
  }

  SessionLife(RouterState state, long seed) {
    this.state = state;
    this.random = new Random(seed);
  }

  /** Creates {@code n} hotspot users and PPP secrets, and logs about a third of them in. */
  synchronized void seed(int n) {
    for (int i = 1; i <= n; i++) {
      String hs = String.format("hs%05d", i);
      String ppp = String.format("ppp%05d", i);
      state.hotspotUsers.add(Map.of("name", hs, "password", "pw" + i, "comment", "seeded"));
      state.pppSecrets.add(Map.of("name", ppp, "password", "pw" + i, "service", "pppoe", "comment", "seeded"));
      seededHotspot.add(hs);
      seededPpp.add(ppp);
    }
    for (String u : List.copyOf(seededHotspot)) {
      if (random.nextInt(3) == 0) {
        loginHotspot(u, null, null, "http-chap");
      }
    }
    for (String u : List.copyOf(seededPpp)) {
      if (random.nextInt(3) == 0) {
        loginPpp(u);
      }
    }
  }

  /** Logs a hotspot user in; refuses unknown, disabled, exhausted or over-shared users. */
  synchronized String loginHotspot(String user, String address, String mac, String loginBy) {
    Map<String, String> u = state.hotspotUsers.findBy("name", user);
    if (u == null || u.get("disabled").equals("true")) {
      throw new SimulatorTrap(SimulatorTrap.NONE, "invalid username or password");
    }
    Map<String, String> profile = state.hotspotProfiles.findBy("name", u.get("profile"));
    int shared = profile == null ? 1 : Integer.parseInt(profile.get("shared-users"));
    long mine = sessions.values().stream().filter(l -> l.hotspot && l.owner.equals(user)).count();
    if (shared > 0 && mine >= shared) {
      throw new SimulatorTrap(SimulatorTrap.NONE, "no more sessions are allowed for user");
    }
    if (overLimit(u, 0, 0, 0)) {
      throw new SimulatorTrap(SimulatorTrap.NONE, "user " + user + " has reached its limit");
    }
    int host = 2 + random.nextInt(250);
    String id = state.hotspotActive.insert(Map.of(
        "user", user,
        "address", address != null && !address.isEmpty() ? address : "10.5.50." + host,
        "mac-address", mac != null && !mac.isEmpty() ? mac : randomMac(),
        "login-by", loginBy,
        "idle-timeout", profile == null ? "" : profile.get("idle-timeout"),
        "session-time-left", profile == null ? "" : profile.get("session-timeout")));
    Live live = new Live(true, id, user, 1000 + random.nextInt(100_000), 1000 + random.nextInt(20_000));
    Duration timeout = profile == null ? null : RouterDuration.tryParse(profile.get("session-timeout"));
    live.timeoutMillis = timeout == null ? 0 : timeout.toMillis();
    sessions.put(key(true, id), live);
    return id;
  }

  /** Brings a PPP secret online. */
  synchronized String loginPpp(String name) {
    Map<String, String> s = state.pppSecrets.findBy("name", name);
    if (s == null || s.get("disabled").equals("true")) {
      throw SimulatorTrap.noSuchItem();
    }
    String service = s.get("service").equals("any") ? "pppoe" : s.get("service");
    String address = !s.get("remote-address").isEmpty() ? s.get("remote-address") : "10.10." + random.nextInt(256) + "." + (2 + random.nextInt(250));
    String mac = randomMac();
    String id = state.pppActive.insert(Map.of("name", name, "service", service, "caller-id", mac, "address", address,
        "session-id", "0x81" + String.format("%06X", random.nextInt(1 << 24)),
        "limit-bytes-in", nonEmpty(s.get("limit-bytes-in")), "limit-bytes-out", nonEmpty(s.get("limit-bytes-out"))));
    state.pppSecrets.update(s.get(".id"), Map.of("last-caller-id", mac));
    sessions.put(key(false, id), new Live(false, id, name, 1000 + random.nextInt(50_000), 1000 + random.nextInt(20_000)));
    return id;
  }

  /** Ends a session by its {@code .id} (the API's {@code remove}); refuses unknown ids. */
  synchronized void kick(boolean hotspot, String ref, String reason) {
    Live live = sessions.get(key(hotspot, ref.toUpperCase(java.util.Locale.ROOT)));
    if (live == null) {
      throw SimulatorTrap.noSuchItem();
    }
    logout(live, reason);
  }

  synchronized int count(boolean hotspot) {
    return (int) sessions.values().stream().filter(l -> l.hotspot == hotspot).count();
  }

  /** Forgets every session without accounting (a reboot). */
  synchronized void clear() {
    sessions.clear();
    state.reboot();
  }

  /** Moves the router's life on by {@code dt}. */
  synchronized void tick(Duration dt) {
    long ms = dt.toMillis();
    if (ms <= 0) {
      return;
    }
    for (Live live : new ArrayList<>(sessions.values())) {
      live.millis += ms;
      live.bytesIn += live.rateIn * ms / 1000;
      live.bytesOut += live.rateOut * ms / 1000;
      if (!enforce(live)) {
        publish(live);
      }
    }
    double seconds = ms / 1000.0;
    churn(seconds);
  }

  private void churn(double seconds) {
    if (seededHotspot.isEmpty() && seededPpp.isEmpty()) {
      return;
    }
    double pIn = Math.min(1, LOGIN_PER_SECOND * seconds);
    double pOut = Math.min(1, LOGOUT_PER_SECOND * seconds);
    Set<String> online = new HashSet<>();
    for (Live live : new ArrayList<>(sessions.values())) {
      boolean seeded = live.hotspot ? seededHotspot.contains(live.owner) : seededPpp.contains(live.owner);
      if (seeded && random.nextDouble() < pOut) {
        logout(live, "lost-service");
      } else {
        online.add((live.hotspot ? "h:" : "p:") + live.owner);
      }
    }
    for (String u : seededHotspot.stream().sorted().toList()) {
      if (!online.contains("h:" + u) && random.nextDouble() < pIn) {
        try {
          loginHotspot(u, null, null, "http-chap");
        } catch (SimulatorTrap refused) {
          // Removed, disabled or out of quota since it was seeded: it stays offline.
        }
      }
    }
    for (String u : seededPpp.stream().sorted().toList()) {
      if (!online.contains("p:" + u) && random.nextDouble() < pIn && state.pppSecrets.findBy("name", u) != null) {
        loginPpp(u);
      }
    }
  }

  /** Logs the session out when a limit is reached; true when it did. */
  private boolean enforce(Live live) {
    if (live.hotspot) {
      Map<String, String> u = state.hotspotUsers.findBy("name", live.owner);
      if (u != null && overLimit(u, live.millis, live.bytesIn, live.bytesOut)) {
        logout(live, "traffic limit reached");
        return true;
      }
      if (live.timeoutMillis > 0 && live.millis >= live.timeoutMillis) {
        logout(live, "session timeout");
        return true;
      }
      return false;
    }
    Map<String, String> s = state.pppSecrets.findBy("name", live.owner);
    if (s == null) {
      return false;
    }
    long in = ByteCount.limitOrZero(s.get("limit-bytes-in"));
    long out = ByteCount.limitOrZero(s.get("limit-bytes-out"));
    if ((in > 0 && live.bytesIn >= in) || (out > 0 && live.bytesOut >= out)) {
      logout(live, "traffic limit reached");
      return true;
    }
    return false;
  }

  private static boolean overLimit(Map<String, String> u, long millis, long in, long out) {
    Duration used = RouterDuration.tryParse(u.get("uptime"));
    Duration limit = RouterDuration.tryParse(u.get("limit-uptime"));
    long totalIn = Long.parseLong(u.get("bytes-in")) + in;
    long totalOut = Long.parseLong(u.get("bytes-out")) + out;
    long limitTotal = ByteCount.limitOrZero(u.get("limit-bytes-total"));
    long limitIn = ByteCount.limitOrZero(u.get("limit-bytes-in"));
    long limitOut = ByteCount.limitOrZero(u.get("limit-bytes-out"));
    return (limit != null && !limit.isZero() && (used == null ? 0 : used.toMillis()) + millis >= limit.toMillis())
        || (limitTotal > 0 && totalIn + totalOut >= limitTotal)
        || (limitIn > 0 && totalIn >= limitIn)
        || (limitOut > 0 && totalOut >= limitOut);
  }

  private void publish(Live live) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("uptime", RouterDuration.format(Duration.ofMillis(live.millis)));
    if (live.hotspot) {
      f.put("bytes-in", Long.toString(live.bytesIn));
      f.put("bytes-out", Long.toString(live.bytesOut));
      f.put("packets-in", Long.toString(live.bytesIn / 800));
      f.put("packets-out", Long.toString(live.bytesOut / 800));
      if (live.timeoutMillis > 0) {
        f.put("session-time-left", RouterDuration.format(Duration.ofMillis(live.timeoutMillis - live.millis)));
      }
      state.hotspotActive.update(live.id, f);
    } else {
      state.pppActive.update(live.id, f);
    }
  }

  /** Hotspot and PPP sessions have separate {@code .id} sequences, so the key says which. */
  private static String key(boolean hotspot, String id) {
    return (hotspot ? "h" : "p") + id;
  }

  private void logout(Live live, String reason) {
    sessions.remove(key(live.hotspot, live.id));
    if (live.hotspot) {
      state.hotspotActive.remove(live.id);
      Map<String, String> u = state.hotspotUsers.findBy("name", live.owner);
      if (u != null) {
        Duration used = RouterDuration.tryParse(u.get("uptime"));
        long total = (used == null ? 0 : used.toMillis()) + live.millis;
        state.hotspotUsers.update(u.get(".id"), Map.of(
            "uptime", RouterDuration.format(Duration.ofMillis(total)),
            "bytes-in", Long.toString(Long.parseLong(u.get("bytes-in")) + live.bytesIn),
            "bytes-out", Long.toString(Long.parseLong(u.get("bytes-out")) + live.bytesOut)));
      }
    } else {
      state.pppActive.remove(live.id);
      Map<String, String> s = state.pppSecrets.findBy("name", live.owner);
      if (s != null) {
        String when = LocalDateTime.ofInstant(state.clock.now(), ZoneOffset.UTC).format(LOGGED_OUT);
        state.pppSecrets.update(s.get(".id"), Map.of("last-logged-out", when, "last-disconnect-reason", reason));
      }
    }
  }

  private String randomMac() {
    return String.format("02:%02X:%02X:%02X:%02X:%02X", random.nextInt(256), random.nextInt(256),
        random.nextInt(256), random.nextInt(256), random.nextInt(256));
  }

  private static String nonEmpty(String v) {
    return v == null || v.isEmpty() ? "0" : v;
  }
}
