package io.mikrobill.http;

import io.mikrobill.billing.NotFoundException;
import io.mikrobill.billing.RouterCommands;
import io.mikrobill.routeros.client.CommandResult;
import io.mikrobill.routeros.flow.Priority;
import io.mikrobill.routeros.protocol.Command;
import io.mikrobill.routeros.router.Router;
import io.mikrobill.routeros.router.RouterRegistry;
import io.mikrobill.routeros.router.RouterRequest;
import io.mikrobill.validation.Rules;
import io.mikrobill.validation.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The HTTP edge of the reads and of {@code /api/execute}: each goes straight to the router's door
 * (cached unless {@code ?useCache=false}), and the records come back in the guide's names with
 * passwords and MikroBill's request marks left out, whatever {@code .proplist} asks. Execute runs
 * only what {@code EXECUTE_ALLOW} lists ({@link io.mikrobill.security.ExecutePolicy}). An unknown router is a 400 naming the
 * configured ones.
 */
public final class HttpReads {

  /** What can be listed: the menus behind each, and whether a record's {@code name} is a user name. */
  private static final Map<String, List<String>> MENUS = Map.of(
      "hotspot-users", List.of("/ip/hotspot/user"),
      "pppoe-secrets", List.of("/ppp/secret"),
      "sessions", List.of("/ip/hotspot/active", "/ppp/active"),
      "profiles", List.of("/ip/hotspot/user/profile", "/ppp/profile"));

  private final RouterRegistry routers;
  private final io.mikrobill.security.ExecutePolicy executePolicy;

  private final io.mikrobill.billing.ProfileSync profileSync;

  public HttpReads(RouterRegistry routers, io.mikrobill.security.ExecutePolicy executePolicy,
      io.mikrobill.billing.ProfileSync profileSync) {
    this.routers = routers;
    this.executePolicy = executePolicy;
    this.profileSync = profileSync;
  }

  /** Route step of POST /api/profiles/sync ({@code {"router": ...}}, or no body for router default). */
  public CompletableFuture<String> syncProfiles(Exchange exchange) {
    return HttpApi.answer(exchange, () -> {
      Map<String, Object> body = JsonBody.read(exchange, false);
      Router router = router(exchange, body.get("router") == null ? "default" : String.valueOf(body.get("router")));
      return CompletableFuture.supplyAsync(() -> {
        try {
          return HttpAnswer.of(200, profileSync.sync(router.name()));
        } catch (Exception e) {
          throw new java.util.concurrent.CompletionException(e);
        }
      });
    });
  }

  /** Route step: a list ({@code hotspot-users}...), or one item when the path names a user. */
  public CompletableFuture<String> read(Exchange exchange, String what) {
    return HttpApi.answer(exchange, () -> {
      Message m = exchange.getMessage();
      List<String> menus = MENUS.get(what);
      if (menus == null) {
        throw new IllegalArgumentException("nothing to read as '" + what + "'");
      }
      Router router = router(exchange, m.getHeader("router", "default", String.class));
      boolean useCache = !"false".equalsIgnoreCase(m.getHeader("useCache", "true", String.class)) && !what.equals("sessions");
      boolean profiles = what.equals("profiles");
      String username = PathValues.after(exchange, what.equals("pppoe-secrets") ? "secrets" : "users").orElse(null);
      if (menus.size() == 1) {
        Command.Builder b = Command.builder(menus.get(0) + "/print");
        if (username != null) {
          b.whereEquals("name", checked("username", Rules.existingUsername(username)));
        }
        return print(router, b.build(), useCache, false).thenApply(rows -> {
          if (username == null) {
            return HttpAnswer.of(200, rows);
          }
          if (rows.isEmpty()) {
            throw new NotFoundException("no such item: " + username);
          }
          return HttpAnswer.of(200, rows.get(0));
        });
      }
      CompletableFuture<List<Map<String, Object>>> hotspot = print(router, Command.of(menus.get(0) + "/print"), useCache, profiles);
      CompletableFuture<List<Map<String, Object>>> ppp = print(router, Command.of(menus.get(1) + "/print"), useCache, profiles);
      return hotspot.thenCombine(ppp, (h, p) -> {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hotspot", h);
        out.put("pppoe", p);
        return HttpAnswer.of(200, out);
      });
    });
  }

  /**
   * Route step of POST /api/execute: {@code {"command": "/ip/hotspot/user/print", "args":
   * ["?name=alice", "=.proplist=name"], "priority": "high", "timeout": 5000, "router": "default"}}.
   * Each argument travels as one API word, so nothing in it can start another command.
   */
  public CompletableFuture<String> execute(Exchange exchange) {
    return HttpApi.answer(exchange, () -> {
      Map<String, Object> body = JsonBody.read(exchange, true);
      String command = String.valueOf(body.get("command"));
      if (!command.matches("(/[a-z0-9-]+){1,8}")) {
        throw new IllegalArgumentException("command must be a RouterOS path like /ip/hotspot/user/print, was '" + command + "'");
      }
      String refusal = executePolicy.refusal(command);
      if (refusal != null) {
        throw new HttpRefusal(403, "forbidden", refusal);
      }
      Router router = router(exchange, body.get("router") == null ? "default" : String.valueOf(body.get("router")));
      List<String> words = new ArrayList<>();
      if (body.get("args") instanceof List<?> args) {
        for (Object a : args) {
          String w = String.valueOf(a);
          if (w.length() > 4096 || !(w.startsWith("=") || w.startsWith("?"))) {
            throw new IllegalArgumentException("each arg must start with '=' or '?' and be at most 4096 characters");
          }
          if (w.startsWith("=follow") || w.startsWith("=interval=")) {
            // A stream never ends: it would hold the request until it times out.
            throw new IllegalArgumentException("/api/execute answers once: follow and interval are not supported");
          }
          if (w.startsWith("?") && RouterCommands.isSecret(queriedField(w))) {
            // A query on a secret would tell a caller whether a guessed password is right.
            throw new HttpRefusal(403, "forbidden", "queries on password and key fields are refused");
          }
          words.add(w);
        }
      } else if (body.get("args") != null) {
        throw new IllegalArgumentException("args must be a list of words");
      }
      Duration timeout = null;
      if (body.get("timeout") != null) {
        try {
          timeout = Duration.ofMillis(Long.parseLong(String.valueOf(body.get("timeout"))));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("timeout must be a number of milliseconds");
        }
        if (timeout.toMillis() < 1 || timeout.toMillis() > 60_000) {
          throw new IllegalArgumentException("timeout must be 1 to 60000 milliseconds, was " + timeout.toMillis());
        }
      }
      Priority priority = Priority.parse(body.get("priority") == null ? null : String.valueOf(body.get("priority")));
      RouterRequest request = new RouterRequest(Command.of(command, words.toArray(String[]::new)), priority, timeout,
          false, null, null);
      return router.execute(request).thenApply(r -> {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("records", r.records().stream().map(RouterCommands::withoutSecrets).toList());
        out.put("ret", r.ret());
        out.put("empty", r.empty());
        return HttpAnswer.of(200, out);
      });
    });
  }

  /** The field a query word tests: {@code ?password=x}, {@code ?-password}, {@code ?>bytes=5} name theirs. */
  private static String queriedField(String word) {
    String w = word.substring(1);
    while (!w.isEmpty() && "-=<>#".indexOf(w.charAt(0)) >= 0) {
      w = w.substring(1);
    }
    int eq = w.indexOf('=');
    return eq < 0 ? w : w.substring(0, eq);
  }

  private Router router(Exchange exchange, String name) {
    Router router = routers.get(checked("router", Rules.routerName(name)));
    Caller.of(exchange).requireRouter(router.name());
    return router;
  }

  private static CompletableFuture<List<Map<String, Object>>> print(Router router, Command c, boolean useCache,
      boolean namedByName) {
    RouterRequest r = RouterRequest.of(c);
    return router.execute(useCache ? r.cached(null, null) : r).thenApply((CommandResult res) ->
        res.records().stream().map(rec -> RouterCommands.toGuideNames(rec, namedByName)).toList());
  }

  private static String checked(String field, Verdict v) {
    if (!v.accepted()) {
      throw new IllegalArgumentException(field + ": " + v.message());
    }
    return v.value();
  }
}
