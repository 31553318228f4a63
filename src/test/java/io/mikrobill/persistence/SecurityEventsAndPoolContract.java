package io.mikrobill.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class SecurityEventsAndPoolContract extends DatabaseContract {

  private SecurityEvents events;

  @BeforeEach
  void migrate() {
    database.migrate();
    events = new SecurityEvents(database.dataSource());
  }

  @Test
  void shouldRecordEventsAndListTheNewestFirst() {
    events.record("http", "bad-signature", "X-Signature", "mismatch");
    events.record("csv", "injection", "profile", "=cmd|' /C calc'!A0");

    assertThat(events.count()).isEqualTo(2);
    assertThat(events.recent(1)).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo("injection");
      assertThat(e.field()).isEqualTo("profile");
      assertThat(e.occurredAt()).isNotNull();
    });
    assertThat(events.recent(10)).extracting(SecurityEvent::kind).containsExactly("injection", "bad-signature");
  }

  @Test
  void shouldShortenAnAttackersLongDetailRatherThanFail() {
    events.record("http", "oversized", "x".repeat(500), "y".repeat(5000));

    SecurityEvent event = events.recent(1).get(0);
    assertThat(event.field()).hasSize(64);
    assertThat(event.detail()).hasSize(512);
  }

  @Test
  void shouldTimeOutWithThePoolStateWhenEveryConnectionIsLent() throws Exception {
    try (Database small =
            Database.open(database.settings().withPoolSize(1).withPoolTimeout(Duration.ofMillis(200)));
        Connection held = small.dataSource().getConnection()) {
      assertThat(held.isValid(1)).isTrue();

      assertThatThrownBy(() -> small.dataSource().getConnection())
          .isInstanceOf(PoolTimeoutException.class)
          .hasMessageContaining("open=1")
          .hasMessageContaining("active=1")
          .hasMessageContaining("idle=0")
          .hasMessageContaining("max=1");
    }
  }

  @Test
  void shouldRollBackWorkLeftUncommittedWhenAConnectionIsHandedBack() throws Exception {
    try (Database small = Database.open(database.settings().withPoolSize(1))) {
      try (Connection c = small.dataSource().getConnection();
          Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        s.executeUpdate(
            "insert into security_events(occurred_at, source, kind) values (current_timestamp, 'x', 'y')");
      }
      try (Connection c = small.dataSource().getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select count(*) from security_events")) {
        assertThat(c.getAutoCommit()).isTrue();
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
    }
  }
}
