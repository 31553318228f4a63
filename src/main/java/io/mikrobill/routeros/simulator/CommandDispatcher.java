package io.mikrobill.routeros.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a command to its menu and turns refusals into {@code !trap} plus {@code !done}. An
 * unknown menu is {@code no such command prefix}, an unknown verb in a known menu {@code no such
 * command}, both category 0, as on RouterOS.
 */
final class CommandDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);

  private final Map<String, MenuCommands> menus = new HashMap<>();

  CommandDispatcher(RouterState state, SessionLife life, SystemCommands system) {
    Set<String> all = TableCommands.ALL;
    menus.put("/ip/hotspot", new TableCommands(state.hotspotServers, all));
    menus.put("/ip/hotspot/user/profile", new TableCommands(state.hotspotProfiles, all));
    menus.put("/ip/hotspot/user", new TableCommands(state.hotspotUsers, all));
    menus.put("/ip/hotspot/active",
        new TableCommands(state.hotspotActive, TableCommands.READ_ONLY)
            .with("remove", (verb, req, out) -> {
              for (String ref : TableCommands.refs(req)) {
                life.kick(true, ref, "admin-reset");
              }
              out.done();
            })
            .with("login", (verb, req, out) -> {
              hotspotLogin(state, life, req);
              out.done();
            }));
    menus.put("/ppp/profile", new TableCommands(state.pppProfiles, all));
    menus.put("/ppp/secret", new TableCommands(state.pppSecrets, all));
    menus.put("/ppp/active",
        new TableCommands(state.pppActive, TableCommands.READ_ONLY)
            .with("remove", (verb, req, out) -> {
              for (String ref : TableCommands.refs(req)) {
                life.kick(false, ref, "admin-reset");
              }
              out.done();
            }));
    menus.put("/interface",
        new TableCommands(state.interfaces, Set.of("print", "listen", "get", "set", "enable", "disable"))
            .with("monitor-traffic", system.monitorTraffic()));
    menus.put("/ip/service", new TableCommands(state.services, Set.of("print", "get", "set", "enable", "disable", "listen")));
    menus.put("/system/resource", system.resource());
    menus.put("/system/identity", system.identity());
  }

  void dispatch(Request req, CommandReplies out) {
    try {
      MenuCommands menu = menus.get(req.menu());
      if (menu == null) {
        throw new SimulatorTrap(SimulatorTrap.MISSING, "no such command prefix");
      }
      menu.run(req.verb(), req, out);
    } catch (SimulatorTrap t) {
      out.trap(t.category(), t.getMessage());
      out.done();
    } catch (RuntimeException e) {
      LOG.warn("simulator command={} failed: {}", req.path(), e.toString(), e);
      out.trap(SimulatorTrap.FAILURE, "failure: " + e.getMessage());
      out.done();
    }
  }

  private static void hotspotLogin(RouterState state, SessionLife life, Request req) {
    String user = req.attribute("user");
    if (user == null || user.isEmpty()) {
      throw new SimulatorTrap(SimulatorTrap.ARGUMENT, "missing value(s) of argument(s) user");
    }
    Map<String, String> u = state.hotspotUsers.findBy("name", user);
    String password = req.attributes().getOrDefault("password", "");
    if (u == null || !u.get("password").equals(password)) {
      throw new SimulatorTrap(SimulatorTrap.NONE, "invalid username or password");
    }
    life.loginHotspot(user, req.attribute("ip"), req.attribute("mac-address"), "http-pap");
  }
}
