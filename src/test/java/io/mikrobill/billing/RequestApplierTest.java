package io.mikrobill.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.mikrobill.routeros.RouterOsConnectionException;
import io.mikrobill.validation.RequestValidator;
import io.mikrobill.validation.SecurityEventSink;
import io.mikrobill.validation.ValidationSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Exactly-once application around a router that fails, with the two steps it uses replaced. */
class RequestApplierTest {

  /** An outcome store in memory, with the same claim semantics as the database one. */
  static final class MemoryOutcomes implements OutcomeStore {
    final Map<String, Outcome> rows = new ConcurrentHashMap<>();

    @Override
    public Optional<Outcome> claim(String source, String key) {
      Outcome pending = new Outcome(Status.PENDING, 0, null, null, null);
      return Optional.ofNullable(rows.putIfAbsent(source + "|" + key, pending));
    }

    @Override
    public void complete(String source, String key, Outcome outcome) {
      rows.put(source + "|" + key, outcome);
    }
  }

  private final MemoryOutcomes outcomes = new MemoryOutcomes();
  private final AtomicBoolean userIsThere = new AtomicBoolean();
  private final AtomicBoolean readFails = new AtomicBoolean();

  private RequestApplier applier(DefaultCamelContext context) throws Exception {
    context.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("direct:apply").process(e -> {
          throw new RouterOsConnectionException("router=default connection lost with 1 command(s) pending");
        });
        from("direct:read").process(e -> {
          if (readFails.get()) {
            throw new RouterOsConnectionException("router=default cannot connect");
          }
          e.getMessage().setBody(userIsThere.get() ? List.of(Map.of(".id", "*9")) : List.of());
        });
      }
    });
    context.start();
    BillingService billing = new BillingService(
        new RequestValidator(ValidationSettings.DEFAULTS, SecurityEventSink.NONE, "test"), null);
    return new RequestApplier(context, billing, outcomes);
  }

  private static Map<String, Object> alice() {
    return Map.of("username", "alice", "password", "secret123");
  }

  @Test
  void shouldLeaveTheKeyOpenWhileTheRouterIsUnreachable() throws Exception {
    try (DefaultCamelContext context = new DefaultCamelContext()) {
      ApplyResult r = applier(context).apply("csv", "k1", "createHotspotUser", alice()).get(5, TimeUnit.SECONDS);
      assertThat(r.isTransient()).isTrue();
      assertThat(outcomes.rows.get("csv|k1").status()).isEqualTo(OutcomeStore.Status.PENDING);
    }
  }

  @Test
  void shouldCountACreateAsAppliedWhenItsUserIsFoundAfterTheLastRetry() throws Exception {
    try (DefaultCamelContext context = new DefaultCamelContext()) {
      RequestApplier applier = applier(context);
      ApplyResult last = applier.apply("jms", "k2", "createHotspotUser", alice()).get(5, TimeUnit.SECONDS);
      userIsThere.set(true);
      ApplyResult settled = applier.giveUp("jms", "k2", "createHotspotUser", alice(), last).get(5, TimeUnit.SECONDS);
      assertThat(settled.applied()).isTrue();
      assertThat(settled.routerId()).isEqualTo("*9");
      assertThat(outcomes.rows.get("jms|k2").status()).isEqualTo(OutcomeStore.Status.APPLIED);
    }
  }

  @Test
  void shouldRefuseWithTheReasonWhenTheUserIsNotThereAfterTheLastRetry() throws Exception {
    try (DefaultCamelContext context = new DefaultCamelContext()) {
      RequestApplier applier = applier(context);
      ApplyResult last = applier.apply("jms", "k3", "createHotspotUser", alice()).get(5, TimeUnit.SECONDS);
      ApplyResult settled = applier.giveUp("jms", "k3", "createHotspotUser", alice(), last).get(5, TimeUnit.SECONDS);
      assertThat(settled.applied()).isFalse();
      assertThat(settled.reason()).contains("router unreachable after every retry").contains("connection lost");
      assertThat(outcomes.rows.get("jms|k3").status()).isEqualTo(OutcomeStore.Status.REFUSED);
    }
  }

  @Test
  void shouldSayTheOutcomeIsUnknownAndKeepTheKeyOpenWhenTheLookUpFailsToo() throws Exception {
    try (DefaultCamelContext context = new DefaultCamelContext()) {
      RequestApplier applier = applier(context);
      ApplyResult last = applier.apply("csv", "k4", "createHotspotUser", alice()).get(5, TimeUnit.SECONDS);
      readFails.set(true);
      ApplyResult settled = applier.giveUp("csv", "k4", "createHotspotUser", alice(), last).get(5, TimeUnit.SECONDS);
      assertThat(settled.applied()).isFalse();
      assertThat(settled.reason()).startsWith("outcome unknown");
      assertThat(outcomes.rows.get("csv|k4").status()).isEqualTo(OutcomeStore.Status.PENDING);
    }
  }

  @Test
  void shouldReturnTheFirstOutcomeForARepeatedKeyWithoutSendingAgain() throws Exception {
    try (DefaultCamelContext context = new DefaultCamelContext()) {
      RequestApplier applier = applier(context);
      outcomes.complete("csv", "k5", new OutcomeStore.Outcome(OutcomeStore.Status.APPLIED, 200, null, "*7", null));
      ApplyResult r = applier.apply("csv", "k5", "createHotspotUser", alice()).get(5, TimeUnit.SECONDS);
      assertThat(r.applied()).isTrue();
      assertThat(r.routerId()).isEqualTo("*7");
    }
  }
}
