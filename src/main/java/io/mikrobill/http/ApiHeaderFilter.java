package io.mikrobill.http;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultHeaderFilterStrategy;

/**
 * Which headers cross the HTTP edge, both ways. Inward only the documented request headers, query
 * parameters and path values pass, so a client's {@code RouterOs*} or {@code Camel*} header never
 * reaches a step. Outward only the answer's own headers pass, so nothing internal (a query
 * parameter, a command's words with its password) is ever echoed into a response header.
 */
public final class ApiHeaderFilter extends DefaultHeaderFilterStrategy {

  /** Request headers, query parameters and path values the API documents. */
  static final Set<String> INBOUND = Set.of(
      "content-type", "accept", "idempotency-key", "user-agent", "host", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-prefix", "sec-fetch-site",
      "router", "usecache", "type", "state", "batch", "limit", "offset", "username", "id", "code");

  /** Headers an answer may carry. */
  static final Set<String> OUTBOUND = Set.of("content-type", "retry-after", "idempotent-replayed", "location",
      "www-authenticate", "set-cookie");

  @Override
  public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
    return name == null || !INBOUND.contains(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
    return name == null || !OUTBOUND.contains(name.toLowerCase(Locale.ROOT));
  }
}
