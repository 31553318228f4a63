package io.mikrobill.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * Values taken from the request's path itself ({@code /api/hotspot/users/{username}/disable}),
 * never from a header or query parameter of the same name: platform-http puts all three into the
 * same message headers, so a {@code ?username=} could otherwise replace the path's user.
 */
public final class PathValues {

  private PathValues() {}

  /** The decoded segment after {@code collection} ({@code users}, {@code secrets}, {@code sessions}, {@code vouchers}). */
  public static Optional<String> after(Exchange exchange, String collection) {
    String uri = exchange.getMessage().getHeader(Exchange.HTTP_URI, "", String.class);
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    String[] segments = path.split("/");
    for (int i = 0; i + 1 < segments.length; i++) {
      if (segments[i].equals(collection)) {
        String value = URLDecoder.decode(segments[i + 1].replace("+", "%2B"), StandardCharsets.UTF_8);
        if (!value.equals(value.strip()) || value.chars().anyMatch(Character::isISOControl)) {
          throw new IllegalArgumentException(collection + " path value must not start or end with spaces or hold control"
              + " characters");
        }
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
