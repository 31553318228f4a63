package io.mikrobill.http;

import io.mikrobill.billing.NotFoundException;
import io.mikrobill.security.Passwords;
import io.mikrobill.security.PrincipalDirectory;
import io.mikrobill.security.Role;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;

/**
 * The admin endpoints for principals (admin role only, checked by the gate):
 * {@code GET/POST /admin/users}, {@code POST /admin/users/{name}/disable|enable|rotate},
 * {@code GET/POST /admin/keys}, {@code POST /admin/keys/{name}/disable|enable|rotate}. A new or
 * rotated secret (a key, or a password MikroBill generated) is in the answer once and never again.
 */
public final class AdminApi {

  private final PrincipalDirectory directory;
  private final java.util.function.Predicate<String> routerExists;
  private final java.util.function.Supplier<String> routerNames;

  /** {@code routerExists} says whether a router of that name is configured; {@code routerNames} lists them for the refusal. */
  public AdminApi(PrincipalDirectory directory, java.util.function.Predicate<String> routerExists,
      java.util.function.Supplier<String> routerNames) {
    this.directory = directory;
    this.routerExists = routerExists;
    this.routerNames = routerNames;
  }

  /** Route step: {@code what} is {@code users} or {@code keys}. */
  public CompletableFuture<String> list(Exchange exchange, String what) {
    return HttpApi.answer(exchange, () -> CompletableFuture.completedFuture(HttpAnswer.of(200, directory.list(kind(what)))));
  }

  /** Route step of POST /admin/users ({@code name, role, password}: a password is generated when none is given) and POST /admin/keys ({@code name, role, routers}). */
  public CompletableFuture<String> create(Exchange exchange, String what) {
    return HttpApi.answer(exchange, () -> {
      try {
        return created(exchange, what);
      } catch (PrincipalDirectory.Duplicate d) {
        throw new HttpRefusal(409, "duplicate", d.getMessage());
      }
    });
  }

  private CompletableFuture<HttpAnswer> created(Exchange exchange, String what) {
    Map<String, Object> body = JsonBody.read(exchange, true);
    String name = text(body, "name", true);
    Role role = Role.parse(text(body, "role", true));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("role", role.wireName());
    if (kind(what).equals(PrincipalDirectory.PERSON)) {
      String given = text(body, "password", false);
      String password = given == null ? Passwords.random(20) : given;
      directory.createPerson(name, role, password);
      if (given == null) {
        // Only its hash was stored: this answer is the one place the password exists.
        out.put("password", password);
      }
    } else {
      Set<String> routers = routers(body.get("routers"));
      for (String r : routers) {
        if (!routerExists.test(r)) {
          throw new IllegalArgumentException("no router named '" + r + "'; the configured routers are " + routerNames.get());
        }
      }
      out.put("routers", routers);
      out.put("key", directory.createKey(name, role, routers));
    }
    return CompletableFuture.completedFuture(HttpAnswer.of(201, out));
  }

  /** Route step of POST /admin/{users|keys}/{name}/{disable|enable|rotate}. */
  public CompletableFuture<String> change(Exchange exchange, String what, String verb) {
    return HttpApi.answer(exchange, () -> {
      String kind = kind(what);
      String name = PathValues.after(exchange, what).orElseThrow(() -> new IllegalArgumentException("the path names no " + what));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("name", name);
      try {
        switch (verb) {
          case "disable", "enable" -> {
            directory.setDisabled(kind, name, verb.equals("disable"));
            out.put("disabled", verb.equals("disable"));
          }
          case "rotate" -> {
            if (kind.equals(PrincipalDirectory.KEY)) {
              out.put("key", directory.rotateKey(name));
            } else {
              Map<String, Object> body = JsonBody.read(exchange, false);
              String given = text(body, "password", false);
              String password = given == null ? Passwords.random(20) : given;
              directory.rotatePassword(name, password);
              if (given == null) {
                out.put("password", password);
              }
            }
          }
          default -> throw new IllegalArgumentException("unknown operation '" + verb + "'");
        }
      } catch (NoSuchElementException e) {
        throw new NotFoundException(e.getMessage());
      }
      return CompletableFuture.completedFuture(HttpAnswer.of(200, out));
    });
  }

  private static String kind(String what) {
    return switch (what) {
      case "users" -> PrincipalDirectory.PERSON;
      case "keys" -> PrincipalDirectory.KEY;
      default -> throw new IllegalArgumentException("nothing to manage as '" + what + "'");
    };
  }

  private static String text(Map<String, Object> body, String field, boolean required) {
    Object v = body.get(field);
    if (v == null && !required) {
      return null;
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException(field + " is required, as a string");
    }
    return s;
  }

  private static Set<String> routers(Object v) {
    if (v == null) {
      return Set.of();
    }
    if (!(v instanceof List<?> list)) {
      throw new IllegalArgumentException("routers must be a list of router names");
    }
    Set<String> out = new LinkedHashSet<>();
    list.forEach(r -> out.add(String.valueOf(r)));
    return out;
  }
}
