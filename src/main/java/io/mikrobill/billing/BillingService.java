package io.mikrobill.billing;

import io.mikrobill.camel.RouterOsConstants;
import io.mikrobill.routeros.flow.Priority;
import io.mikrobill.routeros.protocol.Command;
import io.mikrobill.validation.RequestValidator;
import io.mikrobill.validation.Rules;
import io.mikrobill.validation.Verdict;
import io.mikrobill.validation.ValidatedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The one place where a request from any source (HTTP, CSV row, JMS message) is validated and
 * turned into the routeros call that applies it. Routes call {@link #prepare}, send the exchange
 * to {@code direct:apply} (the routeros-sink kamelet, inside the router's circuit breaker), and
 * read the outcome.
 */
public final class BillingService {

  /** Exchange property holding the validated request. */
  public static final String REQUEST = "mikrobill.request";
  /** Header with the command path without its leading slash, for the kamelet's command. */
  public static final String COMMAND_PATH = "RouterOsCommandPath";

  /** Exchange property of a POST whose Idempotency-Key an earlier attempt left PENDING. */
  static final String REPEAT = "mikrobill.repeat";

  /** Header of a POST that must not be applied twice; a repeat returns the first result. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  private final RequestValidator validator;
  private final ProfileDirectory profiles;
  private volatile OutcomeStore outcomes;

  public BillingService(RequestValidator validator, ProfileDirectory profiles) {
    this.validator = validator;
    this.profiles = profiles;
  }

  /** The store behind Idempotency-Key; without one the header is ignored. */
  public void setOutcomes(OutcomeStore outcomes) {
    this.outcomes = outcomes;
  }

  /**
   * Route step before a POST: with an Idempotency-Key seen before, answers with the first result
   * (status and body) and sets the property {@code mikrobill.replayed}, so the route stops;
   * otherwise claims the key.
   */
  public void replay(Exchange exchange) {
    if (findReplay(exchange)) {
      exchange.setProperty("mikrobill.replayed", true);
    }
  }

  private boolean findReplay(Exchange exchange) {
    String key = idempotencyKey(exchange);
    if (key == null || outcomes == null) {
      return false;
    }
    java.util.Optional<OutcomeStore.Outcome> first = outcomes.claim("http", key);
    if (first.isPresent() && first.get().status() == OutcomeStore.Status.PENDING) {
      exchange.setProperty(REPEAT, true);
    }
    if (first.isEmpty() || first.get().status() == OutcomeStore.Status.PENDING) {
      return false;
    }
    exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, first.get().httpStatus());
    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
    exchange.getMessage().setHeader("Idempotent-Replayed", "true");
    exchange.getMessage().setBody(first.get().body());
    return true;
  }

  /** Records the answer of a POST under its Idempotency-Key (not for transient failures, which may be retried). */
  public void remember(Exchange exchange, int status, Object body) {
    String key = idempotencyKey(exchange);
    if (key == null || outcomes == null || status == 503 || status == 429) {
      return;
    }
    try {
      String json = body instanceof String s ? s : JSON.writeValueAsString(body);
      Object id = exchange.getMessage().getHeader(RouterOsConstants.RET);
      outcomes.complete("http", key, new OutcomeStore.Outcome(status < 400 ? OutcomeStore.Status.APPLIED : OutcomeStore.Status.REFUSED,
          status, json, id == null ? null : String.valueOf(id), status < 400 ? null : "refused"));
    } catch (Exception e) {
      org.slf4j.LoggerFactory.getLogger(BillingService.class).warn("cannot record idempotency key: {}", e.toString());
    }
  }

  private static String idempotencyKey(Exchange exchange) {
    String key = exchange.getMessage().getHeader(IDEMPOTENCY_KEY, String.class);
    if (key == null || key.isBlank()) {
      return null;
    }
    if (key.length() > 200) {
      throw new IllegalArgumentException("Idempotency-Key must be at most 200 characters");
    }
    String method = exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class);
    return method + " " + exchange.getMessage().getHeader(Exchange.HTTP_PATH, "", String.class) + " " + key;
  }

  /** Validates {@code fields} for {@code action} and turns them into the command that applies it. */
  public Prepared prepare(String action, Map<String, Object> fields, String source) {
    String router = fields.get("router") == null ? "default" : String.valueOf(fields.get("router"));
    boolean ppp = action != null && (action.contains("PPPoE") || "pppoe".equalsIgnoreCase(String.valueOf(fields.get("type"))));
    ValidatedRequest v = validator.forSource(source).validate(action, fields, profiles == null ? null : p -> profiles.exists(router, ppp, p));
    Action a = Action.parse(v.action());
    Command command = RouterCommands.of(a, v.fields());
    Priority priority = Priority.parse(str(fields.get("priority")));
    return new Prepared(a, v.router(), v.fields(), command, priority);
  }

  /** A validated request and its command. */
  public record Prepared(Action action, String router, Map<String, String> fields, Command command, Priority priority) {

    /** Sets the headers the routeros-sink call reads, and clears the body. */
    public void applyTo(Exchange exchange) {
      Message m = exchange.getMessage();
      m.setHeader(RouterOsConstants.ROUTER, router);
      m.setHeader(COMMAND_PATH, command.path().substring(1));
      m.setHeader(RouterOsConstants.WORDS, command.words());
      m.setHeader(RouterOsConstants.PRIORITY, priority.wireName());
      m.removeHeader(RouterOsConstants.ATTRIBUTES);
      m.setBody(null);
      exchange.setProperty(REQUEST, this);
    }
  }

  /** Route step: prepares the exchange's JSON body (a map) plus the {@code username} path parameter. */
  public void prepareHttp(Exchange exchange, String action) {
    Map<String, Object> fields = new LinkedHashMap<>();
    Object body = exchange.getMessage().getBody();
    if (body instanceof Map<?, ?> map) {
      map.forEach((k, v) -> fields.put(String.valueOf(k), v));
    } else if (body != null && !(body instanceof String s && s.isBlank())) {
      throw new IllegalArgumentException("the body must be a JSON object");
    }
    String username = exchange.getMessage().getHeader("username", String.class);
    if (username != null) {
      fields.put("username", username);
    }
    String id = exchange.getMessage().getHeader("id", String.class);
    if (id != null) {
      fields.put("id", id);
    }
    String type = exchange.getMessage().getHeader("type", String.class);
    if (type != null) {
      fields.putIfAbsent("type", type);
    }
    String router = exchange.getMessage().getHeader("router", String.class);
    if (router != null && !fields.containsKey("router")) {
      fields.put("router", router);
    }
    prepare(action, fields, "http").applyTo(exchange);
  }

  /**
   * Route step for a read: {@code menu} print through the cache (unless {@code ?useCache=false}),
   * for one user when the {@code username} path parameter is there.
   */
  public void prepareRead(Exchange exchange, String menu) {
    Message m = exchange.getMessage();
    String router = checked("router", Rules.routerName(m.getHeader("router", "default", String.class)));
    Command.Builder b = Command.builder(menu + "/print");
    String username = m.getHeader("username", String.class);
    if (username != null) {
      b.whereEquals("name", checked("username", Rules.username(username)));
    }
    String id = m.getHeader("id", String.class);
    if (id != null) {
      b.whereEquals(".id", id);
    }
    Command c = b.build();
    boolean useCache = !"false".equalsIgnoreCase(m.getHeader("useCache", "true", String.class));
    m.setHeader(RouterOsConstants.ROUTER, router);
    m.setHeader(COMMAND_PATH, c.path().substring(1));
    m.setHeader(RouterOsConstants.WORDS, c.words());
    m.setHeader(RouterOsConstants.USE_CACHE, useCache);
    m.setBody(null);
  }

  /** Route step after a print of one item: the item, or a 404 error when there is none. */
  public Map<String, Object> one(Exchange exchange) {
    List<Map<String, Object>> rows = records(exchange);
    if (rows.isEmpty()) {
      throw new NotFoundException("no such item: " + exchange.getMessage().getHeader("username",
          exchange.getMessage().getHeader("id", String.class), String.class));
    }
    return rows.get(0);
  }

  /** Nothing matched. */
  public static final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
      super(message);
    }
  }

  /**
   * Route step of POST /api/execute: {@code {"command": "/ip/hotspot/user/print", "args":
   * ["?name=alice", "=.proplist=name"], "priority": "high", "timeout": 5000, "router": "default"}}.
   * Each argument travels as one API word, so nothing in it can start another command.
   */
  public void prepareExecute(Exchange exchange) {
    @SuppressWarnings("unchecked")
    Map<String, Object> body = exchange.getMessage().getBody(Map.class);
    if (body == null) {
      throw new IllegalArgumentException("the body must be a JSON object with command and args");
    }
    String command = String.valueOf(body.get("command"));
    if (!command.matches("(/[a-z0-9-]+){1,8}")) {
      throw new IllegalArgumentException("command must be a RouterOS path like /ip/hotspot/user/print, was '" + command + "'");
    }
    String router = checked("router", Rules.routerName(body.get("router") == null ? "default" : String.valueOf(body.get("router"))));
    java.util.List<String> words = new java.util.ArrayList<>();
    if (body.get("args") instanceof java.util.List<?> args) {
      for (Object a : args) {
        String w = String.valueOf(a);
        if (w.length() > 4096 || !(w.startsWith("=") || w.startsWith("?"))) {
          throw new IllegalArgumentException("each arg must start with '=' or '?' and be at most 4096 characters: '" + w + "'");
        }
        if (w.startsWith(".tag=")) {
          throw new IllegalArgumentException("tags are assigned by the client");
        }
        words.add(w);
      }
    }
    Message m = exchange.getMessage();
    m.setHeader(RouterOsConstants.ROUTER, router);
    m.setHeader(COMMAND_PATH, command.substring(1));
    m.setHeader(RouterOsConstants.WORDS, words);
    m.setHeader(RouterOsConstants.PRIORITY, Priority.parse(str(body.get("priority"))).wireName());
    if (body.get("timeout") != null) {
      m.setHeader(RouterOsConstants.TIMEOUT, Long.parseLong(String.valueOf(body.get("timeout"))));
    }
    m.setHeader(RouterOsConstants.USE_CACHE, false);
    m.setBody(null);
  }

  /** Route step after POST /api/execute: the records and the ret. */
  public Map<String, Object> executed(Exchange exchange) {
    Map<String, Object> out = new LinkedHashMap<>();
    Object body = exchange.getMessage().getBody();
    out.put("records", body instanceof List<?> l ? l : List.of());
    out.put("ret", exchange.getMessage().getHeader(RouterOsConstants.RET));
    out.put("empty", exchange.getMessage().getHeader(RouterOsConstants.EMPTY));
    return out;
  }

  /** Route step after an add: the response body of a created user. */
  public Map<String, Object> created(Exchange exchange) {
    Prepared p = exchange.getProperty(REQUEST, Prepared.class);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", exchange.getMessage().getHeader(RouterOsConstants.RET));
    out.put("username", p.fields().get("username"));
    out.put("router", p.router());
    exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
    remember(exchange, 201, out);
    return out;
  }

  /**
   * Error step of a POST: the created answer when the create failed only because its user is there
   * already and an earlier attempt under the same Idempotency-Key was left PENDING (it reached the
   * router; its answer never reached the client, who saw a timeout or a 503 and retried), as
   * {@link RequestApplier} settles CSV rows and JMS messages. Null otherwise.
   */
  public Map<String, Object> createdByEarlierAttempt(Exchange exchange, Throwable failure) {
    Prepared p = exchange.getProperty(REQUEST, Prepared.class);
    if (p == null || !Boolean.TRUE.equals(exchange.getProperty(REPEAT)) || p.action().kind() != Action.Kind.CREATE) {
      return null;
    }
    for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof io.mikrobill.routeros.RouterOsTrapException trap) {
        return RequestApplier.reachedRouterBefore(p.action(), trap) ? created(exchange) : null;
      }
    }
    return null;
  }

  /** Route step after a change: a short confirmation. */
  public Map<String, Object> done(Exchange exchange) {
    Prepared p = exchange.getProperty(REQUEST, Prepared.class);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "ok");
    out.put("action", p.action().wireName());
    if (p.fields().get("username") != null) {
      out.put("username", p.fields().get("username"));
    }
    out.put("router", p.router());
    remember(exchange, 200, out);
    return out;
  }

  /** Route step after a print: the records in the guide's names, passwords left out. */
  public List<Map<String, Object>> records(Exchange exchange) {
    @SuppressWarnings("unchecked")
    List<Map<String, String>> rows = exchange.getMessage().getBody(List.class);
    return rows == null ? List.of() : rows.stream().map(RouterCommands::toGuideNames).toList();
  }

  /** Route step: {"hotspot": property hotspot, "pppoe": body}, both lists of records. */
  public Map<String, Object> combine(Exchange exchange) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("hotspot", exchange.getProperty("hotspot"));
    out.put("pppoe", exchange.getMessage().getBody());
    return out;
  }

  /** The value a rule accepted, or a bad-request error with the rule's message. */
  private static String checked(String field, Verdict v) {
    if (!v.accepted()) {
      throw new IllegalArgumentException(field + ": " + v.message());
    }
    return v.value();
  }

  private static String str(Object o) {
    return o == null ? null : String.valueOf(o);
  }
}
