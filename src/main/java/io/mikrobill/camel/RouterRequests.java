package io.mikrobill.camel;

import io.mikrobill.routeros.flow.Priority;
import io.mikrobill.routeros.protocol.Command;
import io.mikrobill.routeros.router.RouterRequest;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Builds a router request from an endpoint's options, the message headers and the body: body
 * attributes (a Map) first, then the endpoint's {@code attr.*}, then the header's, each later one
 * winning; queries and the property list from the endpoint or the headers; raw words last.
 */
final class RouterRequests {

  private RouterRequests() {}

  static RouterRequest from(RouterOsEndpoint endpoint, Exchange exchange) {
    RouterOsConfiguration config = endpoint.getConfiguration();
    Message in = exchange.getMessage();
    String path = in.getHeader(RouterOsConstants.COMMAND, endpoint.commandPath(), String.class);
    Command.Builder b = Command.builder(path);
    Object body = in.getBody();
    if (body instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        if (k != null && v != null && !(v instanceof Map) && !(v instanceof Collection)) {
          b.attribute(String.valueOf(k), String.valueOf(v));
        }
      });
    }
    config.getAttributes().forEach((k, v) -> b.attribute(k, v == null ? "" : String.valueOf(v)));
    Map<?, ?> attrs = in.getHeader(RouterOsConstants.ATTRIBUTES, Map.class);
    if (attrs != null) {
      attrs.forEach((k, v) -> b.attribute(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    }
    String proplist = in.getHeader(RouterOsConstants.PROPLIST, config.getProplist(), String.class);
    if (proplist != null && !proplist.isBlank()) {
      b.attribute(".proplist", proplist);
    }
    addQueries(b, config.getQueries());
    addQueries(b, in.getHeader(RouterOsConstants.QUERIES));
    Object words = in.getHeader(RouterOsConstants.WORDS);
    if (words == null && body instanceof List<?> list && list.stream().allMatch(w -> w instanceof String)) {
      words = list;
    }
    if (words instanceof Collection<?> c) {
      c.forEach(w -> b.word(String.valueOf(w)));
    }
    Priority priority = Priority.parse(in.getHeader(RouterOsConstants.PRIORITY, config.getPriority(), String.class));
    long timeoutMs = in.getHeader(RouterOsConstants.TIMEOUT, config.getTimeout(), Long.class);
    boolean useCache = in.getHeader(RouterOsConstants.USE_CACHE, config.isUseCache(), Boolean.class);
    String cacheKey = in.getHeader(RouterOsConstants.CACHE_KEY, config.getCacheKey(), String.class);
    long ttl = in.getHeader(RouterOsConstants.CACHE_TTL, config.getCacheTtl(), Long.class);
    return new RouterRequest(b.build(), priority, timeoutMs > 0 ? Duration.ofMillis(timeoutMs) : null,
        useCache, cacheKey, ttl > 0 ? Duration.ofMillis(ttl) : null);
  }

  private static void addQueries(Command.Builder b, Object queries) {
    if (queries == null) {
      return;
    }
    if (queries instanceof Collection<?> c) {
      c.forEach(q -> b.query(String.valueOf(q)));
      return;
    }
    for (String q : String.valueOf(queries).trim().split("\\s+")) {
      if (!q.isEmpty()) {
        b.query(q);
      }
    }
  }
}
