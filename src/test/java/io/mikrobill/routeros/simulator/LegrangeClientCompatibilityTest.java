package io.mikrobill.routeros.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.SocketFactory;
import me.legrange.mikrotik.ApiConnection;
import me.legrange.mikrotik.MikrotikApiException;
import me.legrange.mikrotik.ResultListener;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;

/**
 * The simulator against a third-party client, me.legrange:mikrotik 3.0.7: it must not depend on
 * quirks of our own client. mikrotik-java does not know {@code !empty} (7.18+), so the checks
 * avoid prints that find nothing, as its users must on a real 7.19 router.
 */
@Timeout(30)
class LegrangeClientCompatibilityTest {

  @ParameterizedTest
  @EnumSource(RouterOsVersion.class)
  void shouldServeLoginAddQuerySetRemoveAndCancelledListen(RouterOsVersion version) throws Exception {
    try (RouterOsSimulator sim = new RouterOsSimulator(SimulatorOptions.forTests().version(version).password("pw").build())) {
      sim.start();
      ApiConnection api = ApiConnection.connect(SocketFactory.getDefault(), "127.0.0.1", sim.port(), 5000);
      try {
        api.login("admin", "pw");
        List<Map<String, String>> added = api.execute("/ip/hotspot/user/add name=alice password=one");
        assertThat(added).hasSize(1);
        String id = added.get(0).get("ret");
        assertThat(id).startsWith("*");
        api.execute("/ip/hotspot/user/add name=bob password=two");

        List<Map<String, String>> found = api.execute("/ip/hotspot/user/print where name=bob");
        assertThat(found).hasSize(1);
        assertThat(found.get(0)).containsEntry("name", "bob").containsEntry("password", "two");

        api.execute("/ip/hotspot/user/set .id=" + id + " password=changed");
        assertThat(sim.hotspotUsers().get(0)).containsEntry("password", "changed");

        List<Map<String, String>> events = new CopyOnWriteArrayList<>();
        AtomicBoolean errored = new AtomicBoolean();
        AtomicBoolean completed = new AtomicBoolean();
        String tag = api.execute("/ip/hotspot/user/listen", new ResultListener() {
          @Override
          public void receive(Map<String, String> result) {
            events.add(result);
          }

          @Override
          public void error(MikrotikApiException e) {
            errored.set(true);
          }

          @Override
          public void completed() {
            completed.set(true);
          }
        });
        api.execute("/system/identity/print");
        api.execute("/ip/hotspot/user/remove .id=" + id);
        await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
        assertThat(events.get(0)).containsEntry(".id", id).containsEntry(".dead", "yes");
        api.cancel(tag);
        await().atMost(Duration.ofSeconds(5)).until(completed::get);
        assertThat(errored).isTrue();
        assertThat(sim.hotspotUsers()).extracting(u -> u.get("name")).containsExactly("bob");
      } finally {
        api.close();
      }
    }
  }
}
