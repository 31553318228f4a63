package io.mikrobill.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.mikrobill.routeros.cache.CacheOptions;
import io.mikrobill.routeros.client.ClientOptions;
import io.mikrobill.routeros.pool.PoolMetrics;
import io.mikrobill.routeros.router.RouterRegistry;
import io.mikrobill.routeros.router.RouterSettings;
import io.mikrobill.routeros.simulator.RouterOsSimulator;
import io.mikrobill.routeros.simulator.SimulatorOptions;
import io.mikrobill.validation.RequestValidator;
import io.mikrobill.validation.SecurityEventSink;
import io.mikrobill.validation.ValidationSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exactly-once application against the simulated router, through the router's door: answers lost
 * and retried, a crash between the router's !done and the outcome's write, two instances racing
 * one user, someone else's user of the same name, and a router unreachable to the end.
 */
@Timeout(60)
class RequestApplierTest {

  /** An outcome store in memory, with the same claim semantics as the database one. */
  static class MemoryOutcomes implements OutcomeStore {
    final Map<String, Outcome> rows = new ConcurrentHashMap<>();

    @Override
    public Optional<Outcome> claim(String source, String key) {
      return claim(source, key, null);
    }

    @Override
    public Optional<Outcome> claim(String source, String key, String note) {
      Outcome pending = new Outcome(Status.PENDING, 0, null, null, note);
      return Optional.ofNullable(rows.putIfAbsent(source + "|" + key, pending));
    }

    @Override
    public void release(String source, String key) {
      rows.computeIfPresent(source + "|" + key, (k, o) -> o.status() == Status.PENDING ? null : o);
    }

    @Override
    public void complete(String source, String key, Outcome outcome) {
      rows.put(source + "|" + key, outcome);
    }

    @Override
    public Optional<Outcome> find(String source, String key) {
      return Optional.ofNullable(rows.get(source + "|" + key));
    }
  }

  private final MemoryOutcomes outcomes = new MemoryOutcomes();
  private RouterOsSimulator sim;
  private RouterRegistry routers;

  @BeforeEach
  void start() {
    sim = new RouterOsSimulator(SimulatorOptions.forTests().password("pw").build());
    sim.start();
    routers = new RouterRegistry(CacheOptions.defaults(), Clock.systemUTC(), PoolMetrics.NONE);
    routers.add(RouterSettings.of(ClientOptions.builder().name("default").host("127.0.0.1").port(sim.port())
        .username("admin").password("pw").commandTimeout(Duration.ofMillis(500)).connectTimeout(Duration.ofSeconds(2)).build()));
    routers.start().join();
  }

  @AfterEach
  void stop() {
    routers.close();
    sim.close();
  }

  private RequestApplier applier(OutcomeStore store) {
    return new RequestApplier(routers, new RequestValidator(ValidationSettings.DEFAULTS, SecurityEventSink.NONE, "test"),
        null, store);
  }

  private static BillingRequest alice(Source source, String key) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("username", "alice");
    f.put("password", "secret123");
    return new BillingRequest(source, key, "createHotspotUser", f, null);
  }

  private static ApplyResult get(CompletableFuture<ApplyResult> f) throws Exception {
    return f.get(20, TimeUnit.SECONDS);
  }

  private long alices() {
    return sim.hotspotUsers().stream().filter(u -> "alice".equals(u.get("name"))).count();
  }

  @Test
  void shouldLeaveTheKeyOpenWhileTheRouterIsUnreachable() throws Exception {
    sim.faults().set("drop-after=1");
    ApplyResult r = get(applier(outcomes).apply(alice(Source.CSV, "k1")));
    assertThat(r.isTransient()).isTrue();
    assertThat(outcomes.rows.get("csv|k1").status()).isEqualTo(OutcomeStore.Status.PENDING);
    assertThat(alices()).isZero();
  }

  @Test
  void shouldSettleACreateWhoseAnswerWasLostAsAppliedOnceWhenItIsRetried() throws Exception {
    sim.faults().set("stall-rate=1,stall-ms=2000");
    RequestApplier applier = applier(outcomes);
    ApplyResult lost = get(applier.apply(alice(Source.HTTP, "POST /api/hotspot/users order-1")));
    assertThat(lost.isTransient()).as("the answer timed out: %s", lost).isTrue();
    sim.faults().clear();

    ApplyResult retried = get(applier.apply(alice(Source.HTTP, "POST /api/hotspot/users order-1")));
    assertThat(retried.applied()).as("the retry meets its own earlier attempt: %s", retried).isTrue();
    assertThat(retried.routerId()).startsWith("*");
    assertThat(alices()).isEqualTo(1);
    assertThat(outcomes.rows.get("http|POST /api/hotspot/users order-1").status()).isEqualTo(OutcomeStore.Status.APPLIED);
  }

  @Test
  void shouldSettleACrashBetweenTheRoutersDoneAndTheOutcomesWriteAsApplied() throws Exception {
    MemoryOutcomes crashing = new MemoryOutcomes() {
      @Override
      public void complete(String source, String key, Outcome outcome) {
        throw new IllegalStateException("the process died here");
      }
    };
    ApplyResult dying = get(applier(crashing).apply(alice(Source.CSV, "file:1")));
    assertThat(dying.applied()).as("the router's answer stands").isTrue();
    assertThat(crashing.rows.get("csv|file:1").status()).as("but its outcome was never written").isEqualTo(OutcomeStore.Status.PENDING);
    assertThat(alices()).as("the router applied it before the crash").isEqualTo(1);
    outcomes.rows.putAll(Map.of("csv|file:1", crashing.rows.get("csv|file:1")));

    ApplyResult afterRestart = get(applier(outcomes).apply(alice(Source.CSV, "file:1")));
    assertThat(afterRestart.applied()).isTrue();
    assertThat(afterRestart.routerId()).isEqualTo(sim.hotspotUsers().stream()
        .filter(u -> "alice".equals(u.get("name"))).findFirst().orElseThrow().get(".id"));
    assertThat(alices()).isEqualTo(1);
  }

  @Test
  void shouldSettleTwoInstancesRacingOneRequestAsAppliedOnce() throws Exception {
    CompletableFuture<ApplyResult> a = applier(outcomes).apply(alice(Source.JMS, "id:legacy-1"));
    CompletableFuture<ApplyResult> b = applier(outcomes).apply(alice(Source.JMS, "id:legacy-1"));
    ApplyResult ra = get(a);
    ApplyResult rb = get(b);
    assertThat(alices()).isEqualTo(1);
    assertThat(ra.applied() || ra.isTransient()).as("%s", ra).isTrue();
    ApplyResult settled = get(applier(outcomes).apply(alice(Source.JMS, "id:legacy-1")));
    assertThat(settled.applied()).as("%s then %s then %s", ra, rb, settled).isTrue();
  }

  @Test
  void shouldRefuseAUserOfTheSameNameThatSomeoneElseCreatedAsADuplicate() throws Exception {
    ApplyResult first = get(applier(outcomes).apply(alice(Source.HTTP, "once:1")));
    assertThat(first.applied()).isTrue();
    ApplyResult other = get(applier(outcomes).apply(alice(Source.HTTP, "once:2")));
    assertThat(other.kind()).isEqualTo(ApplyResult.Kind.DUPLICATE);
    assertThat(other.reason()).contains("already have").contains("choose another name");
    assertThat(outcomes.rows.get("http|once:2").status()).isEqualTo(OutcomeStore.Status.REFUSED);
  }

  @Test
  void shouldCountACreateAsAppliedWhenItsUserIsFoundAfterTheLastRetry() throws Exception {
    sim.faults().set("stall-rate=1,stall-ms=2000");
    RequestApplier applier = applier(outcomes);
    ApplyResult last = get(applier.apply(alice(Source.JMS, "k2")));
    sim.faults().clear();
    ApplyResult settled = get(applier.giveUp(alice(Source.JMS, "k2"), last));
    assertThat(settled.applied()).isTrue();
    assertThat(settled.routerId()).startsWith("*");
    assertThat(outcomes.rows.get("jms|k2").status()).isEqualTo(OutcomeStore.Status.APPLIED);
  }

  @Test
  void shouldRefuseWithTheReasonButKeepTheKeyOpenWhenTheUserIsNotThereAfterTheLastRetry() throws Exception {
    sim.faults().set("drop-after=1");
    RequestApplier applier = applier(outcomes);
    ApplyResult last = get(applier.apply(alice(Source.JMS, "k3")));
    sim.faults().clear();
    ApplyResult settled = get(applier.giveUp(alice(Source.JMS, "k3"), last));
    assertThat(settled.applied()).isFalse();
    assertThat(settled.reason()).contains("router unreachable after every retry");
    assertThat(settled.isTransient()).as("a router that was unreachable is no final answer").isTrue();
    assertThat(outcomes.rows.get("jms|k3").status()).isEqualTo(OutcomeStore.Status.PENDING);
  }

  @Test
  void shouldSayTheOutcomeIsUnknownAndKeepTheKeyOpenWhenTheLookUpFailsToo() throws Exception {
    sim.faults().set("drop-after=1");
    RequestApplier applier = applier(outcomes);
    ApplyResult last = get(applier.apply(alice(Source.CSV, "k4")));
    ApplyResult settled = get(applier.giveUp(alice(Source.CSV, "k4"), last));
    assertThat(settled.applied()).isFalse();
    assertThat(settled.reason()).startsWith("outcome unknown");
    assertThat(outcomes.rows.get("csv|k4").status()).isEqualTo(OutcomeStore.Status.PENDING);
  }

  @Test
  void shouldReturnTheFirstOutcomeForARepeatedKeyWithoutSendingAgain() throws Exception {
    outcomes.complete("csv", "k5", new OutcomeStore.Outcome(OutcomeStore.Status.APPLIED, 0, null, "*7", null));
    long served = sim.commandsServed();
    ApplyResult r = get(applier(outcomes).apply(alice(Source.CSV, "k5")));
    assertThat(r.applied()).isTrue();
    assertThat(r.routerId()).isEqualTo("*7");
    assertThat(sim.commandsServed()).isEqualTo(served);
  }

  @Test
  void shouldNotBindAKeyToARequestRefusedByValidation() throws Exception {
    Map<String, Object> bad = new LinkedHashMap<>(alice(Source.HTTP, "k6").fields());
    bad.put("password", "short");
    ApplyResult refused = get(applier(outcomes).apply(new BillingRequest(Source.HTTP, "k6", "createHotspotUser", bad, null)));
    assertThat(refused.kind()).isEqualTo(ApplyResult.Kind.VALIDATION);
    assertThat(outcomes.rows).doesNotContainKey("http|k6");
    assertThat(get(applier(outcomes).apply(alice(Source.HTTP, "k6"))).applied()).isTrue();
  }

  @Test
  void shouldRefuseAnUnknownRouterNamingTheConfiguredOnes() throws Exception {
    Map<String, Object> f = new LinkedHashMap<>(alice(Source.CSV, "k7").fields());
    f.put("router", "nowhere");
    ApplyResult r = get(applier(outcomes).apply(new BillingRequest(Source.CSV, "k7", "createHotspotUser", f, null)));
    assertThat(r.kind()).isEqualTo(ApplyResult.Kind.VALIDATION);
    assertThat(r.reason()).contains("nowhere").contains("[default]");
  }
}
