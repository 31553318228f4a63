package io.mikrobill.routeros.simulator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable fault drill, parsed from a comma-separated {@code key=value} list (the {@code
 * --faults} option and the control port's {@code faults} line). Keys, all optional:
 *
 * <pre>
 *   seed=42                 seed of the drill's random numbers (same seed, same commands: same faults)
 *   drop-after=100          close each connection, without a reply, on its N-th command (0 = never)
 *   drop-rate=0.01          chance per command of closing the connection without a reply
 *   stall-rate=0.001        chance per command of holding its replies back for stall-ms
 *   stall-ms=5000           how long a stalled reply is held
 *   garbage-rate=0.001      chance per command of answering with bytes that are no API sentence
 *   fatal-rate=0.001        chance per command of answering !fatal and closing
 *   refuse-login=false      answer every login as if the password were wrong
 *   restart-every-ms=0      restart the router periodically (sessions lost, configuration kept)
 * </pre>
 *
 * Rates are probabilities from 0 to 1. An empty spec, or {@code none}, means no faults.
 */
public record FaultSpec(
    long seed,
    int dropAfter,
    double dropRate,
    double stallRate,
    long stallMs,
    double garbageRate,
    double fatalRate,
    boolean refuseLogin,
    long restartEveryMs) {

  public static final FaultSpec NONE = new FaultSpec(0, 0, 0, 0, 5000, 0, 0, false, 0);

  public FaultSpec {
    requireNonNegative("drop-after", dropAfter);
    requireRate("drop-rate", dropRate);
    requireRate("stall-rate", stallRate);
    requireNonNegative("stall-ms", stallMs);
    requireRate("garbage-rate", garbageRate);
    requireRate("fatal-rate", fatalRate);
    requireNonNegative("restart-every-ms", restartEveryMs);
  }

  /** Parses a spec; refuses unknown keys and bad values, naming them. */
  public static FaultSpec parse(String spec) {
    if (spec == null || spec.isBlank() || spec.trim().equals("none")) {
      return NONE;
    }
    Map<String, String> kv = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("fault '" + p + "' must be key=value");
      }
      kv.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim());
    }
    FaultSpec s = NONE;
    for (Map.Entry<String, String> e : kv.entrySet()) {
      s = s.with(e.getKey(), e.getValue());
    }
    return s;
  }

  /** A copy with one key changed; the control port uses it to change a running drill. */
  public FaultSpec with(String key, String value) {
    try {
      return switch (key) {
        case "seed" -> new FaultSpec(Long.parseLong(value), dropAfter, dropRate, stallRate, stallMs, garbageRate, fatalRate, refuseLogin, restartEveryMs);
        case "drop-after" -> new FaultSpec(seed, Integer.parseInt(value), dropRate, stallRate, stallMs, garbageRate, fatalRate, refuseLogin, restartEveryMs);
        case "drop-rate" -> new FaultSpec(seed, dropAfter, Double.parseDouble(value), stallRate, stallMs, garbageRate, fatalRate, refuseLogin, restartEveryMs);
        case "stall-rate" -> new FaultSpec(seed, dropAfter, dropRate, Double.parseDouble(value), stallMs, garbageRate, fatalRate, refuseLogin, restartEveryMs);
        case "stall-ms" -> new FaultSpec(seed, dropAfter, dropRate, stallRate, Long.parseLong(value), garbageRate, fatalRate, refuseLogin, restartEveryMs);
        case "garbage-rate" -> new FaultSpec(seed, dropAfter, dropRate, stallRate, stallMs, Double.parseDouble(value), fatalRate, refuseLogin, restartEveryMs);
        case "fatal-rate" -> new FaultSpec(seed, dropAfter, dropRate, stallRate, stallMs, garbageRate, Double.parseDouble(value), refuseLogin, restartEveryMs);
        case "refuse-login" -> new FaultSpec(seed, dropAfter, dropRate, stallRate, stallMs, garbageRate, fatalRate, parseBoolean(value), restartEveryMs);
        case "restart-every-ms" -> new FaultSpec(seed, dropAfter, dropRate, stallRate, stallMs, garbageRate, fatalRate, refuseLogin, Long.parseLong(value));
        default -> throw new IllegalArgumentException(
            "unknown fault '" + key + "'; known: seed, drop-after, drop-rate, stall-rate, stall-ms,"
                + " garbage-rate, fatal-rate, refuse-login, restart-every-ms");
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("fault " + key + " has a bad value '" + value + "'", e);
    }
  }

  /** Whether any per-command fault can fire. */
  boolean affectsCommands() {
    return dropAfter > 0 || dropRate > 0 || stallRate > 0 || garbageRate > 0 || fatalRate > 0;
  }

  @Override
  public String toString() {
    return "seed=" + seed + ",drop-after=" + dropAfter + ",drop-rate=" + dropRate + ",stall-rate=" + stallRate
        + ",stall-ms=" + stallMs + ",garbage-rate=" + garbageRate + ",fatal-rate=" + fatalRate
        + ",refuse-login=" + refuseLogin + ",restart-every-ms=" + restartEveryMs;
  }

  private static boolean parseBoolean(String v) {
    return switch (v) {
      case "true", "yes" -> true;
      case "false", "no" -> false;
      default -> throw new IllegalArgumentException("fault refuse-login must be true or false, was '" + v + "'");
    };
  }

  private static void requireRate(String name, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException("fault " + name + " must be 0 to 1, was " + v);
    }
  }

  private static void requireNonNegative(String name, long v) {
    if (v < 0) {
      throw new IllegalArgumentException("fault " + name + " must not be negative, was " + v);
    }
  }
}
