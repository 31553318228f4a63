package io.mikrobill.billing;

import io.mikrobill.routeros.client.CommandResult;
import io.mikrobill.routeros.protocol.Command;
import io.mikrobill.routeros.router.RouterRegistry;
import io.mikrobill.routeros.router.RouterRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers "does this profile exist on that router" for validation, from the router's profile
 * menu read through the cache (profiles change rarely; a write to the menu invalidates it). When
 * the router cannot be asked, it answers yes and leaves the refusal to the router itself.
 */
public final class ProfileDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(ProfileDirectory.class);
  private static final Duration TTL = Duration.ofSeconds(60);

  private final RouterRegistry routers;

  public ProfileDirectory(RouterRegistry routers) {
    this.routers = routers;
  }

  public boolean exists(String router, boolean ppp, String profile) {
    if (!routers.contains(router)) {
      return true;
    }
    String menu = ppp ? "/ppp/profile/print" : "/ip/hotspot/user/profile/print";
    try {
      CommandResult r = routers.get(router)
          .execute(RouterRequest.of(Command.of(menu, "=.proplist=name")).cached("profiles:" + menu, TTL))
          .get(5, TimeUnit.SECONDS);
      return r.records().stream().anyMatch(rec -> profile.equals(rec.get("name")));
    } catch (Exception e) {
      LOG.debug("router={} cannot list profiles to check '{}': {}", router, profile, e.toString());
      return true;
    }
  }
}
