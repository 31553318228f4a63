package io.mikrobill.routeros.simulator;

import static io.mikrobill.routeros.simulator.SimulatorFixture.run;
import static io.mikrobill.routeros.simulator.SimulatorProtocolTest.trapOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.mikrobill.routeros.RouterOsTrapException;
import io.mikrobill.routeros.client.CommandResult;
import io.mikrobill.routeros.client.RouterOsConnection;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SimulatorMenuTest {

  private SimulatorFixture f;
  private RouterOsConnection c;

  @BeforeEach
  void start() {
    f = SimulatorFixture.start();
    c = f.connect();
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void shouldHaveTheDefaultProfilesOfANewRouter() {
    assertThat(run(c, "/ip/hotspot/user/profile/print").records()).extracting(r -> r.get("name")).containsExactly("default");
    assertThat(run(c, "/ppp/profile/print").records()).extracting(r -> r.get("name"))
        .containsExactly("default", "default-encryption");
    assertThat(run(c, "/ip/hotspot/print").records()).extracting(r -> r.get("name")).containsExactly("hotspot1");
  }

  @Test
  void shouldManageHotspotUsersWithRouterOsFieldsAndMessages() {
    String id = run(c, "/ip/hotspot/user/add", "=name=u1", "=password=p", "=limit-uptime=1d2h3m4s",
        "=limit-bytes-total=1M", "=mac-address=aa:bb:cc:dd:ee:ff", "=comment=vip").ret();
    Map<String, String> u = run(c, "/ip/hotspot/user/print", "?name=u1").records().get(0);
    assertThat(u).containsEntry(".id", id).containsEntry("profile", "default").containsEntry("server", "all")
        .containsEntry("limit-uptime", "1d2h3m4s").containsEntry("limit-bytes-total", "1048576")
        .containsEntry("mac-address", "AA:BB:CC:DD:EE:FF").containsEntry("uptime", "0s")
        .containsEntry("bytes-in", "0").containsEntry("disabled", "false");

    RouterOsTrapException dup = trapOf(() -> run(c, "/ip/hotspot/user/add", "=name=u1"));
    assertThat(dup.routerMessage()).isEqualTo("failure: already have user with this name for this server");
    assertThat(trapOf(() -> run(c, "/ip/hotspot/user/add", "=name=u2", "=profile=gold")).routerMessage())
        .isEqualTo("input does not match any value of profile");
    assertThat(trapOf(() -> run(c, "/ip/hotspot/user/add", "=name=u3", "=limit-uptime=soon")).category()).isEqualTo(1);
    assertThat(trapOf(() -> run(c, "/ip/hotspot/user/add", "=name=u4", "=limit-bytes-in=lots")).category()).isEqualTo(1);

    run(c, "/ip/hotspot/user/set", "=.id=" + id, "=password=new", "=comment=");
    run(c, "/ip/hotspot/user/disable", "=numbers=u1");
    Map<String, String> changed = run(c, "/ip/hotspot/user/print", "?.id=" + id).records().get(0);
    assertThat(changed).containsEntry("password", "new").containsEntry("disabled", "true").doesNotContainKey("comment");
    run(c, "/ip/hotspot/user/enable", "=.id=" + id);
    assertThat(f.sim.hotspotUsers().get(0)).containsEntry("disabled", "false");

    run(c, "/ip/hotspot/user/remove", "=.id=" + id);
    assertThat(f.sim.hotspotUsers()).isEmpty();
    RouterOsTrapException missing = trapOf(() -> run(c, "/ip/hotspot/user/remove", "=.id=" + id));
    assertThat(missing.routerMessage()).isEqualTo("no such item");
    assertThat(missing.category()).isZero();
    assertThat(trapOf(() -> run(c, "/ip/hotspot/user/set", "=.id=*99", "=comment=x")).routerMessage()).isEqualTo("no such item");
  }

  @Test
  void shouldCheckRateLimitsAndDurationsOfProfiles() {
    run(c, "/ip/hotspot/user/profile/add", "=name=gold", "=rate-limit=2M/4M 4M/8M 1M/2M 10/10 5 512k/1M",
        "=shared-users=2", "=session-timeout=01:30:00", "=idle-timeout=5m", "=address-pool=pool1");
    Map<String, String> gold = run(c, "/ip/hotspot/user/profile/print", "?name=gold").records().get(0);
    assertThat(gold).containsEntry("rate-limit", "2M/4M 4M/8M 1M/2M 10/10 5 512k/1M")
        .containsEntry("session-timeout", "1h30m").containsEntry("shared-users", "2");
    for (String bad : new String[] {"fast", "1M/2M/3M", "1M 2M 3M 4M 9", "1X", "1M 2M 3M 4M 5 6M 7"}) {
      RouterOsTrapException t = trapOf(() -> run(c, "/ip/hotspot/user/profile/set", "=numbers=gold", "=rate-limit=" + bad));
      assertThat(t.category()).as(bad).isEqualTo(1);
      assertThat(t.routerMessage()).contains("rate-limit");
    }
    assertThat(trapOf(() -> run(c, "/ip/hotspot/user/profile/add", "=name=gold")).routerMessage()).startsWith("failure:");
    run(c, "/ip/hotspot/user/add", "=name=g1", "=profile=gold");
    assertThat(f.sim.hotspotUsers().get(0)).containsEntry("profile", "gold");
  }

  @Test
  void shouldManagePppSecretsAndProfiles() {
    run(c, "/ppp/profile/add", "=name=10mb", "=rate-limit=10M/10M", "=local-address=10.0.0.1",
        "=remote-address=10.0.0.2", "=only-one=yes", "=session-timeout=1d");
    assertThat(trapOf(() -> run(c, "/ppp/profile/add", "=name=x", "=only-one=maybe")).routerMessage())
        .isEqualTo("input does not match any value of only-one");
    String id = run(c, "/ppp/secret/add", "=name=bob", "=password=pw", "=service=pppoe", "=profile=10mb",
        "=caller-id=AA:BB:CC:00:11:22", "=limit-bytes-in=1000", "=limit-bytes-out=2000", "=comment=c").ret();
    assertThat(trapOf(() -> run(c, "/ppp/secret/add", "=name=bob")).routerMessage())
        .isEqualTo("failure: secret with the same name already exists");
    assertThat(trapOf(() -> run(c, "/ppp/secret/add", "=name=eve", "=profile=none")).routerMessage())
        .isEqualTo("input does not match any value of profile");
    assertThat(trapOf(() -> run(c, "/ppp/secret/add", "=name=eve", "=service=telnet")).category()).isEqualTo(1);
    run(c, "/ppp/secret/set", "=.id=" + id, "=remote-address=10.9.9.9");
    Map<String, String> bob = run(c, "/ppp/secret/print", "?name=bob").records().get(0);
    assertThat(bob).containsEntry("profile", "10mb").containsEntry("remote-address", "10.9.9.9")
        .containsEntry("limit-bytes-out", "2000").containsEntry("service", "pppoe");
    run(c, "/ppp/secret/remove", "=numbers=bob");
    assertThat(f.sim.pppSecrets()).isEmpty();
  }

  @Test
  void shouldLogHotspotUsersInThroughActiveLoginAndOutThroughRemove() {
    run(c, "/ip/hotspot/user/add", "=name=h1", "=password=pw");
    assertThat(trapOf(() -> run(c, "/ip/hotspot/active/login", "=user=h1", "=password=bad")).routerMessage())
        .isEqualTo("invalid username or password");
    run(c, "/ip/hotspot/active/login", "=user=h1", "=password=pw", "=ip=10.5.50.9", "=mac-address=02:00:00:00:00:09");
    Map<String, String> s = run(c, "/ip/hotspot/active/print").records().get(0);
    assertThat(s).containsEntry("user", "h1").containsEntry("address", "10.5.50.9")
        .containsEntry("mac-address", "02:00:00:00:00:09").containsEntry("login-by", "http-pap")
        .containsKeys("uptime", "bytes-in", "bytes-out");
    assertThat(trapOf(() -> run(c, "/ip/hotspot/active/add", "=user=h1")).routerMessage()).isEqualTo("no such command");
    run(c, "/ip/hotspot/active/remove", "=.id=" + s.get(".id"));
    assertThat(run(c, "/ip/hotspot/active/print").records()).isEmpty();
  }

  @Test
  void shouldPrintAndRemovePppSessions() {
    run(c, "/ppp/secret/add", "=name=p1", "=password=pw", "=remote-address=10.1.1.1");
    String id = f.sim.loginPpp("p1");
    Map<String, String> s = run(c, "/ppp/active/print").records().get(0);
    assertThat(s).containsEntry(".id", id).containsEntry("name", "p1").containsEntry("address", "10.1.1.1")
        .containsEntry("service", "pppoe").containsKeys("caller-id", "uptime");
    run(c, "/ppp/active/remove", "=.id=" + id);
    assertThat(f.sim.pppActive()).isEmpty();
    assertThat(f.sim.pppSecrets().get(0).get("last-logged-out")).isNotEmpty();
  }

  @Test
  void shouldAnswerSystemResourceIdentityAndInterfaces() {
    Map<String, String> res = run(c, "/system/resource/print").records().get(0);
    assertThat(res).containsKeys("uptime", "version", "cpu-load", "free-memory", "total-memory", "board-name", "architecture-name");
    assertThat(res.get("version")).startsWith("7.19");
    assertThat(run(c, "/system/identity/print").records().get(0)).containsEntry("name", "MikroTik");
    run(c, "/system/identity/set", "=name=edge-1");
    assertThat(run(c, "/system/identity/get", "=value-name=name").ret()).isEqualTo("edge-1");
    assertThat(f.sim.identity()).isEqualTo("edge-1");
    assertThat(run(c, "/interface/print").records()).extracting(r -> r.get("name")).contains("ether1", "ether2");
    CommandResult traffic = run(c, "/interface/monitor-traffic", "=interface=ether1", "=once=");
    assertThat(traffic.records()).hasSize(1);
    assertThat(traffic.records().get(0)).containsEntry("name", "ether1").containsKeys("rx-bits-per-second", "tx-bits-per-second");
    assertThat(trapOf(() -> run(c, "/interface/monitor-traffic", "=interface=wlan9", "=once=")).category()).isEqualTo(1);
  }
}
