package io.mikrobill.monitoring;

import io.mikrobill.routeros.router.Router;
import io.mikrobill.routeros.router.RouterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/** The /monitoring endpoints: liveness, readiness, overall health, status and Prometheus metrics. */
public final class Monitoring {

  private static final Pattern FILE_URI = Pattern.compile("\\bfile:[^\\s,;()\"']*");
  private static final Pattern PATH = Pattern.compile(
      "\\b[A-Za-z]:\\\\[^\\s,;()\"']*|(?<![\\w.:/-])/[^\\s/,;:()\"']+(?:/[^\\s/,;:()\"']*)+");

  private final RouterRegistry routers;
  private final PrometheusMeterRegistry metrics;
  private final String simulatorNotice;
  private final Instant started = Instant.now();

  public Monitoring(RouterRegistry routers, PrometheusMeterRegistry metrics, String simulatorNotice) {
    this.routers = routers;
    this.metrics = metrics;
    this.simulatorNotice = simulatorNotice;
  }

  /**
   * Readiness: every router reachable and not behind an open breaker; 503 otherwise. Public (a
   * load balancer asks it without credentials), so it says UP or DOWN and nothing else.
   */
  public Map<String, Object> ready(Exchange exchange) {
    Predicate<HealthCheck> notReadiness = check -> !check.isReadiness();
    boolean up = isUp(HealthCheckHelper.invoke(exchange.getContext(), notReadiness));
    exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, up ? 200 : 503);
    return Map.of("status", up ? "UP" : "DOWN");
  }

  /** Overall health: liveness and readiness checks together, with their details (no file paths). */
  public Map<String, Object> health(Exchange exchange) {
    Collection<HealthCheck.Result> results = HealthCheckHelper.invoke(exchange.getContext());
    boolean up = isUp(results);
    List<Map<String, Object>> list = new ArrayList<>();
    for (HealthCheck.Result r : results) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", r.getCheck().getId());
      m.put("state", r.getState().name());
      r.getMessage().ifPresent(msg -> m.put("message", withoutPaths(msg)));
      Map<String, Object> details = new LinkedHashMap<>();
      r.getDetails().forEach((k, v) -> {
        if (!k.startsWith("invocation") && !k.startsWith("failure") && !k.equals("check.kind")) {
          details.put(k, v instanceof String text ? withoutPaths(text) : v);
        }
      });
      if (!details.isEmpty()) {
        m.put("details", details);
      }
      list.add(m);
    }
    exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, up ? 200 : 503);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", up ? "UP" : "DOWN");
    out.put("checks", list);
    return out;
  }

  private static boolean isUp(Collection<HealthCheck.Result> results) {
    return results.stream().allMatch(r -> r.getState() != HealthCheck.State.DOWN);
  }

  /**
   * The text with the file system's paths replaced: the CSV consumer's check names its folder
   * ({@code file:///srv/mikrobill/data/inbox/vouchers?...}) and a failed poll's message the file.
   * A path here is a {@code file:} URI, a Windows drive path, or a rooted path of two or more
   * segments not glued to a scheme or a host ({@code rest://get:/api/vouchers} stays).
   */
  static String withoutPaths(String text) {
    return PATH.matcher(FILE_URI.matcher(text).replaceAll("file:(hidden)")).replaceAll("(path hidden)");
  }

  /** What runs and against which routers; says loudly when the router is the embedded simulator. */
  public Map<String, Object> status() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("service", "mikrobill");
    out.put("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds());
    if (simulatorNotice != null) {
      out.put("simulator", Map.of("embedded", true, "warning", simulatorNotice));
    }
    List<Map<String, Object>> list = new ArrayList<>();
    for (Router r : routers.all()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", r.name());
      m.put("host", r.client().host());
      m.put("port", r.client().port());
      m.put("available", r.pool().isAvailable());
      m.put("pool", r.pool().state().toString());
      m.put("circuitBreaker", r.breaker().getState().name());
      m.put("rateLimitQueued", r.limiter().queued());
      m.put("requestQueueQueued", r.queue().queued());
      list.add(m);
    }
    out.put("routers", list);
    out.put("cache", Map.of("size", routers.cache().size(), "hitRatio", routers.cache().stats().hitRate()));
    return out;
  }

  /** Prometheus text format. */
  public String metrics(Exchange exchange) {
    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
    // The guide's name mikrotik_vouchers_created_total ends in a suffix the Prometheus client
    // reserves, so the counter is registered as mikrotik_vouchers_created and renamed here.
    return metrics.scrape()
        .replace("mikrotik_vouchers_total", "mikrotik_vouchers_created_total")
        .replace("mikrotik_vouchers ", "mikrotik_vouchers_created ");
  }
}
