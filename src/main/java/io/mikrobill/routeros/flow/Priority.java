package io.mikrobill.routeros.flow;

import java.util.Locale;

/** Request priority toward a router: critical work goes first, then high, normal, low. */
public enum Priority {
  CRITICAL,
  HIGH,
  NORMAL,
  LOW;

  /** Parses {@code critical}, {@code high}, {@code normal}, {@code low}, any case; refuses others. */
  public static Priority parse(String text) {
    if (text == null || text.isBlank()) {
      return NORMAL;
    }
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("priority must be critical, high, normal or low, was '" + text + "'");
    }
  }

  /** Maps a JMS priority (0 to 9, default 4) onto ours. */
  public static Priority fromJms(int jmsPriority) {
    if (jmsPriority >= 9) {
      return CRITICAL;
    }
    if (jmsPriority >= 7) {
      return HIGH;
    }
    if (jmsPriority >= 4) {
      return NORMAL;
    }
    return LOW;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
