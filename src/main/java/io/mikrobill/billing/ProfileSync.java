package io.mikrobill.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mikrobill.routeros.client.CommandResult;
import io.mikrobill.routeros.protocol.Command;
import io.mikrobill.routeros.router.Router;
import io.mikrobill.routeros.router.RouterRegistry;
import io.mikrobill.routeros.router.RouterRequest;
import io.mikrobill.validation.RequestValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /api/profiles/sync}: makes a router's hotspot user profiles and PPP profiles match the
 * profiles defined in configuration ({@code PROFILES_FILE}, default {@code profiles.json} in the
 * application's folder): missing ones are added, differing ones are set; profiles on the router
 * that the file does not name are left alone. The file:
 * {@code {"hotspot":[{"name":"1h-5M","rateLimit":"5M/5M","sessionTimeout":"1h","sharedUsers":1}],
 * "pppoe":[{"name":"home-10M","rateLimit":"10M/10M"}]}}.
 */
public final class ProfileSync {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The guide's fields a profile of each kind may set (names on the wire from {@link FieldNames}). */
  private static final List<String> HOTSPOT = List.of("rateLimit", "sharedUsers", "sessionTimeout", "idleTimeout", "addressPool");
  private static final List<String> PPP = List.of("rateLimit", "localAddress", "remoteAddress", "onlyOne", "sessionTimeout");

  private final RouterRegistry routers;
  private final RequestValidator validator;
  private final Path file;

  public ProfileSync(RouterRegistry routers, RequestValidator validator, Path file) {
    this.routers = routers;
    this.validator = validator;
    this.file = file;
  }

  /** Route step: syncs the router named by the body's {@code router} (default {@code default}). */
  public Map<String, Object> sync(String name) throws Exception {
    Router router = routers.get(name);
    Map<String, List<Map<String, Object>>> wanted = load();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("router", name);
    out.put("hotspot", apply(router, "/ip/hotspot/user/profile", HOTSPOT, wanted.getOrDefault("hotspot", List.of())));
    out.put("pppoe", apply(router, "/ppp/profile", PPP, wanted.getOrDefault("pppoe", List.of())));
    return out;
  }

  private Map<String, List<String>> apply(Router router, String menu, List<String> names,
      List<Map<String, Object>> profiles) throws Exception {
    CommandResult current = router.execute(RouterRequest.of(Command.of(menu + "/print"))).get(30, TimeUnit.SECONDS);
    Map<String, Map<String, String>> byName = new LinkedHashMap<>();
    current.records().forEach(r -> byName.put(r.get("name"), r));
    List<String> added = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (Map<String, Object> p : profiles) {
      String pname = String.valueOf(p.get("name"));
      Map<String, String> attrs = new LinkedHashMap<>();
      names.forEach(field -> {
        if (p.get(field) != null) {
          attrs.put(FieldNames.toRouterOs(field), String.valueOf(p.get(field)));
        }
      });
      Map<String, String> existing = byName.get(pname);
      if (existing == null) {
        Command.Builder b = Command.builder(menu + "/add").attribute("name", pname);
        attrs.forEach(b::attribute);
        router.execute(RouterRequest.of(b.build())).get(30, TimeUnit.SECONDS);
        added.add(pname);
      } else {
        Map<String, String> diff = new LinkedHashMap<>();
        attrs.forEach((k, v) -> {
          if (!v.equals(existing.get(k))) {
            diff.put(k, v);
          }
        });
        if (diff.isEmpty()) {
          unchanged.add(pname);
        } else {
          Command.Builder b = Command.builder(menu + "/set").attribute("numbers", pname);
          diff.forEach(b::attribute);
          router.execute(RouterRequest.of(b.build())).get(30, TimeUnit.SECONDS);
          updated.add(pname);
        }
      }
    }
    return Map.of("added", added, "updated", updated, "unchanged", unchanged);
  }

  /** The configured profiles, each checked by the same validation as a createProfile request. */
  Map<String, List<Map<String, Object>>> load() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no profiles are configured: " + file + " does not exist (PROFILES_FILE)");
    }
    @SuppressWarnings("unchecked")
    Map<String, List<Map<String, Object>>> wanted = JSON.readValue(file.toFile(), Map.class);
    for (String kind : wanted.keySet()) {
      if (!kind.equals("hotspot") && !kind.equals("pppoe")) {
        throw new IllegalArgumentException(file + ": unknown section '" + kind + "'; use hotspot and pppoe");
      }
      for (Map<String, Object> p : wanted.get(kind)) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("name", p.get("name"));
        if (p.get("rateLimit") != null) {
          check.put("rateLimit", p.get("rateLimit"));
        }
        if (p.get("sessionTimeout") != null) {
          check.put("sessionTimeout", p.get("sessionTimeout"));
        }
        validator.forSource("config").validate("createProfile", check);
      }
    }
    return wanted;
  }
}
