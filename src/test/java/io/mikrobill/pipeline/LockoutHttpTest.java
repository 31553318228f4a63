package io.mikrobill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.mikrobill.persistence.SecurityEvent;
import io.mikrobill.persistence.SecurityEvents;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lockout over HTTP, on an application of its own (its lockouts would disturb other tests):
 * failed logins lock the account (423) and the address (429, for new secrets only), each refusal
 * recorded with who and from where. The timing of unlocks is tested with a moved clock in
 * {@code AuthenticatorTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class LockoutHttpTest {

  private RunningPipeline app;
  private String monitorKey;

  @BeforeAll
  void start(@TempDir Path home) throws Exception {
    app = new RunningPipeline(home, Map.of("MAX_LOGIN_ATTEMPTS", "3", "LOCKOUT_DURATION", "600000"));
    monitorKey = app.key("table-monitor", "monitor");
  }

  @Test
  void shouldThrottleAnAddressWhoseRequestsKeepTrippingTheAttackDetector() throws Exception {
    // Runs on its own address family member: 127.0.0.2 is loopback too, so the account lockout
    // test's address is not the one throttled here.
    String key = app.key("attacker", "billing");
    RunningPipeline.Client from2 = app.clientFrom("127.0.0.2");
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = from2.send("POST", "/api/hotspot/users",
          "{\"username\":\"x<script>alert(" + i + ")</script>\",\"password\":\"secret123\"}", key);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    }
    HttpResponse<String> throttled = from2.send("POST", "/api/hotspot/users",
        "{\"username\":\"honest-user\",\"password\":\"secret123\"}", key);
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.body()).contains("attack-throttled");
    assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    SecurityEvents events = app.registry("securityEvents", SecurityEvents.class);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> events.recent(200).stream()
        .anyMatch(e -> "attack-throttled".equals(e.kind()) && "key:attacker".equals(e.principal())
            && "127.0.0.2".equals(e.clientAddress())));
  }

  @Test
  void shouldLockBrokerLoginsAsHttpLoginsAreLockedAndRecordThem() throws Exception {
    app.principals().createPerson("broker-op", io.mikrobill.security.Role.OPERATOR, "broker password 1");
    // Each guess another password, as a brute force goes (the broker remembers a refused pair by itself).
    for (int i = 0; i < 3; i++) {
      assertThat(stompConnect("127.0.0.3", "broker-op", "wrong password " + i)).startsWith("ERROR");
    }
    // The account is locked: the right password is refused, from this address and from another.
    assertThat(stompConnect("127.0.0.3", "broker-op", "broker password 1")).startsWith("ERROR");
    assertThat(stompConnect("127.0.0.4", "broker-op", "broker password 1")).startsWith("ERROR");
    HttpResponse<String> overHttp = app.send("POST", "/auth/login",
        "{\"username\":\"broker-op\",\"password\":\"broker password 1\"}", Map.of("Authorization", ""));
    assertThat(overHttp.statusCode()).isEqualTo(423);
    SecurityEvents events = app.registry("securityEvents", SecurityEvents.class);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> events.recent(200).stream()
        .filter(e -> "broker".equals(e.source()) && e.detail().contains("broker-op")).count() >= 4);
    assertThat(events.recent(200)).anyMatch(e -> "broker".equals(e.source()) && "127.0.0.3".equals(e.clientAddress())
        && "unauthorized".equals(e.kind()));
  }

  /** One STOMP CONNECT from {@code local} (a loopback address); the first frame of the answer. */
  private String stompConnect(String local, String login, String passcode) throws Exception {
    try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), app.brokerPort,
        java.net.InetAddress.getByName(local), 0)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(("CONNECT\naccept-version:1.2\nhost:localhost\nlogin:" + login + "\npasscode:" + passcode
          + "\n\n\0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      StringBuilder b = new StringBuilder();
      int c;
      while ((c = s.getInputStream().read()) > 0) {
        b.append((char) c);
      }
      return b.toString();
    }
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
  }

  @Test
  void shouldLockAnAccountAfterFailedLoginsWith423AndRecordWhoAndFromWhere() throws Exception {
    app.principals().createPerson("locked-op", io.mikrobill.security.Role.OPERATOR, "right password 1");
    assertThat(app.send("GET", "/auth/me", null).statusCode()).isEqualTo(200);
    HttpResponse<String> forbidden = app.send("POST", "/api/execute", "{\"command\":\"/system/identity/print\"}",
        Map.of("Authorization", "Bearer " + monitorKey));
    assertThat(forbidden.statusCode()).isEqualTo(403);
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = app.send("POST", "/auth/login", "{\"username\":\"locked-op\",\"password\":\"wrong password\"}",
          Map.of("Authorization", ""));
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.body()).doesNotContain("wrong password");
    }
    HttpResponse<String> locked = app.send("POST", "/auth/login",
        "{\"username\":\"locked-op\",\"password\":\"right password 1\"}", Map.of("Authorization", ""));
    assertThat(locked.statusCode()).isEqualTo(423);
    assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    assertThat(locked.body()).contains("\"type\":\"locked\"");
    // The failures came from this address too: it may try no other account now, but a key
    // already in use from it goes on working.
    HttpResponse<String> other = app.send("POST", "/auth/login", "{\"username\":\"admin\",\"password\":\"whatever-it-is\"}",
        Map.of("Authorization", ""));
    assertThat(other.statusCode()).isEqualTo(429);
    assertThat(app.send("GET", "/auth/me", null).statusCode()).isEqualTo(200);

    SecurityEvents events = app.registry("securityEvents", SecurityEvents.class);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> events.recent(200).stream()
        .anyMatch(e -> "forbidden".equals(e.kind()) && "key:table-monitor".equals(e.principal())
            && "127.0.0.1".equals(e.clientAddress())));
    List<SecurityEvent> recent = events.recent(200);
    assertThat(recent).anyMatch(e -> "unauthorized".equals(e.kind()) && e.detail().contains("locked-op")
        && "127.0.0.1".equals(e.clientAddress()));
    assertThat(recent).anyMatch(e -> "locked".equals(e.kind()) && e.detail().contains("locked-op"));
  }

}
