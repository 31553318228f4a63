package io.mikrobill.routeros.simulator;

import static io.mikrobill.routeros.simulator.SimulatorFixture.run;
import static io.mikrobill.routeros.simulator.SimulatorProtocolTest.recorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mikrobill.routeros.client.CommandHandle;
import io.mikrobill.routeros.client.RouterOsConnection;
import io.mikrobill.routeros.protocol.Command;
import io.mikrobill.routeros.protocol.Reply;
import io.mikrobill.routeros.protocol.ReplyType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SimulatorPrintTest {

  private SimulatorFixture f;
  private RouterOsConnection c;

  @BeforeEach
  void start() {
    f = SimulatorFixture.start();
    c = f.connect();
    run(c, "/ip/hotspot/user/add", "=name=ann", "=limit-bytes-total=100", "=comment=x");
    run(c, "/ip/hotspot/user/add", "=name=ben", "=limit-bytes-total=200");
    run(c, "/ip/hotspot/user/add", "=name=cat", "=limit-bytes-total=300", "=disabled=yes");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private List<String> names(String... words) {
    return run(c, "/ip/hotspot/user/print", words).records().stream().map(r -> r.get("name")).toList();
  }

  @Test
  void shouldFilterWithEqualityHasAndHasNotQueries() {
    assertThat(names("?name=ben")).containsExactly("ben");
    assertThat(names("?=name=cat")).containsExactly("cat");
    assertThat(names("?comment")).containsExactly("ann");
    assertThat(names("?-comment")).containsExactly("ben", "cat");
    assertThat(names("?name=nobody")).isEmpty();
  }

  @Test
  void shouldCompareNumbersWithLessAndGreaterQueries() {
    assertThat(names("?<limit-bytes-total=200")).containsExactly("ann");
    assertThat(names("?>limit-bytes-total=100")).containsExactly("ben", "cat");
  }

  @Test
  void shouldApplyStackOperations() {
    assertThat(names("?name=ann", "?name=cat", "?#|")).containsExactly("ann", "cat");
    assertThat(names("?name=ann", "?name=cat", "?#|!")).containsExactly("ben");
    assertThat(names("?disabled=true", "?#!", "?comment", "?#&")).containsExactly("ann");
    // [ann, dis] -> copy of index 0 -> [ann, dis, ann] -> | -> [ann, dis|ann]; all ANDed: ann
    assertThat(names("?name=ann", "?disabled=true", "?#0|")).as("digits push copies by index from the bottom")
        .containsExactly("ann");
    assertThat(names("?name=ann", "?#.&")).containsExactly("ann");
  }

  @Test
  void shouldReturnOnlyTheProplistAndCountOnly() {
    List<java.util.Map<String, String>> rows = run(c, "/ip/hotspot/user/print", "=.proplist=name,.id").records();
    assertThat(rows).hasSize(3).allSatisfy(r -> assertThat(r.keySet()).containsExactlyInAnyOrder("name", ".id"));
    assertThat(run(c, "/ip/hotspot/user/print", "=count-only=").ret()).isEqualTo("3");
    assertThat(run(c, "/ip/hotspot/user/print", "=count-only=", "?disabled=false").ret()).isEqualTo("2");
  }

  @Test
  void shouldFollowAPrintAndMarkRemovedItemsDead() {
    List<Reply> seen = new CopyOnWriteArrayList<>();
    CommandHandle h = c.subscribe(Command.of("/ip/hotspot/user/print", "=follow=", "=.proplist=name"), recorder(seen));
    await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 3);
    run(c, "/ip/hotspot/user/set", "=numbers=ann", "=comment=changed");
    String id = f.sim.hotspotUsers().get(1).get(".id");
    run(c, "/ip/hotspot/user/remove", "=numbers=ben");
    await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 5);
    assertThat(seen.get(3).attribute("name")).isEqualTo("ann");
    assertThat(seen.get(4).attributes()).containsEntry(".id", id).containsEntry(".dead", "yes");
    h.cancel().orTimeout(5, TimeUnit.SECONDS).join();
    await().atMost(Duration.ofSeconds(5)).until(() -> seen.get(seen.size() - 1).type() == ReplyType.DONE);
  }

  @Test
  void shouldStreamOnlyChangesWithFollowOnly() {
    List<Reply> seen = new CopyOnWriteArrayList<>();
    c.subscribe(Command.of("/ip/hotspot/user/print", "=follow-only="), recorder(seen));
    run(c, "/system/identity/print");
    run(c, "/ip/hotspot/user/add", "=name=dan");
    await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
    assertThat(seen.get(0).attribute("name")).isEqualTo("dan");
  }
}
