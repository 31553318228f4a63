package io.mikrobill.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mikrobill.config.SettingsReader;
import io.mikrobill.persistence.Database;
import io.mikrobill.persistence.DatabaseSettings;
import io.mikrobill.persistence.Principals;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logins, sessions, keys, lockouts and rate limits against a real database, with time moved by hand. */
class AuthenticatorTest {

  private static final String PASSWORD = "correct horse battery";

  @TempDir Path dir;
  private Database db;
  private final MovableClock clock = new MovableClock();
  private PrincipalDirectory directory;
  private Principals store;

  @BeforeEach
  void open() {
    db = Database.open(DatabaseSettings.from(name -> null, dir));
    db.migrate();
    store = new Principals(db.dataSource(), clock);
    directory = new PrincipalDirectory(store, new Passwords(1024, 1), clock);
    directory.createPerson("alice", Role.OPERATOR, PASSWORD);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private Authenticator auth(Map<String, String> settings) {
    return new Authenticator(directory, store, SecuritySettings.from(new SettingsReader(settings::get)), clock);
  }

  @Test
  void shouldLogInUseTheSessionAndLogOut() {
    Authenticator auth = auth(Map.of());
    Authenticator.Login login = auth.login("alice", PASSWORD, "10.0.0.1");
    assertThat(login.token()).startsWith("mbs_");
    assertThat(login.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
    assertThat(auth.authenticate(login.token(), "10.0.0.1").name()).isEqualTo("alice");
    assertThat(auth.cached(login.token())).map(Principal::role).contains(Role.OPERATOR);

    auth.logout(login.token());

    assertThat(auth.cached(login.token())).isEmpty();
    assertThatThrownBy(() -> auth.authenticate(login.token(), "10.0.0.1")).isInstanceOf(AccessDenied.class)
        .extracting(e -> ((AccessDenied) e).status()).isEqualTo(401);
  }

  @Test
  void shouldEndASessionIdleLongerThanTheTimeoutButKeepOneInUse() {
    Authenticator auth = auth(Map.of("SESSION_TIMEOUT", "60000"));
    String used = auth.login("alice", PASSWORD, "10.0.0.1").token();
    String idle = auth.login("alice", PASSWORD, "10.0.0.1").token();
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(40));
      assertThat(auth.authenticate(used, "10.0.0.1").name()).isEqualTo("alice");
    }
    assertThatThrownBy(() -> auth.authenticate(idle, "10.0.0.1")).isInstanceOf(AccessDenied.class)
        .hasMessageContaining("SESSION_TIMEOUT");
    // Another instance (a fresh authenticator on the same database) sees the use written back.
    assertThat(auth(Map.of("SESSION_TIMEOUT", "60000")).authenticate(used, "10.0.0.2").name()).isEqualTo("alice");
  }

  @Test
  void shouldEndASessionAtItsMaximumAgeWhateverTheActivity() {
    Authenticator auth = auth(Map.of("SESSION_TIMEOUT", "60000", "SESSION_MAX_AGE", "300000"));
    String token = auth.login("alice", PASSWORD, "10.0.0.1").token();
    for (int i = 0; i < 9; i++) {
      clock.advance(Duration.ofSeconds(30));
      auth.authenticate(token, "10.0.0.1");
    }
    clock.advance(Duration.ofSeconds(31));
    assertThat(auth.cached(token)).isEmpty();
    assertThatThrownBy(() -> auth.authenticate(token, "10.0.0.1")).isInstanceOf(AccessDenied.class)
        .hasMessageContaining("SESSION_MAX_AGE");
  }

  @Test
  void shouldLockAnAccountAfterFailedLoginsAndUnlockItAfterTheLockout() {
    Authenticator auth = auth(Map.of("MAX_LOGIN_ATTEMPTS", "3", "LOCKOUT_DURATION", "600000"));
    for (int i = 0; i < 3; i++) {
      String address = "10.0.1." + i;
      assertThatThrownBy(() -> auth.login("alice", "wrong password!", address)).isInstanceOf(AccessDenied.class)
          .extracting(e -> ((AccessDenied) e).status()).isEqualTo(401);
    }
    // Locked: even the right password from a fresh address is refused, with Retry-After.
    assertThatThrownBy(() -> auth.login("alice", PASSWORD, "10.0.2.1")).isInstanceOfSatisfying(AccessDenied.class, e -> {
      assertThat(e.status()).isEqualTo(423);
      assertThat(e.retryAfterSeconds()).isEqualTo(600);
    });
    clock.advance(Duration.ofSeconds(599));
    assertThatThrownBy(() -> auth.login("alice", PASSWORD, "10.0.2.1")).isInstanceOf(AccessDenied.class);
    clock.advance(Duration.ofSeconds(2));
    assertThat(auth.login("alice", PASSWORD, "10.0.2.1").principal().name()).isEqualTo("alice");
  }

  @Test
  void shouldLockOtherProtocolsLoginsUnderTheSameRules() {
    Authenticator auth = auth(Map.of("MAX_LOGIN_ATTEMPTS", "3", "LOCKOUT_DURATION", "60000"));
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> auth.checkCredentials("alice", "wrong password!", null)).isInstanceOf(AccessDenied.class);
    }
    assertThatThrownBy(() -> auth.checkCredentials("alice", PASSWORD, null)).isInstanceOfSatisfying(AccessDenied.class,
        e -> assertThat(e.status()).isEqualTo(423));
    assertThatThrownBy(() -> auth.login("alice", PASSWORD, "10.1.1.1")).isInstanceOf(AccessDenied.class);
    clock.advance(Duration.ofSeconds(61));
    assertThat(auth.checkCredentials("alice", PASSWORD, "10.1.1.1").name()).isEqualTo("alice");
  }

  @Test
  void shouldLockAnAddressThatTriesManyAccountsOrBadKeys() {
    Authenticator auth = auth(Map.of("MAX_LOGIN_ATTEMPTS", "3", "LOCKOUT_DURATION", "60000"));
    assertThatThrownBy(() -> auth.login("bob", "whatever123", "10.9.9.9")).isInstanceOf(AccessDenied.class);
    assertThatThrownBy(() -> auth.login("carol", "whatever123", "10.9.9.9")).isInstanceOf(AccessDenied.class);
    assertThatThrownBy(() -> auth.authenticate("mbk_guessed", "10.9.9.9")).isInstanceOf(AccessDenied.class)
        .extracting(e -> ((AccessDenied) e).status()).isEqualTo(401);
    assertThatThrownBy(() -> auth.login("alice", PASSWORD, "10.9.9.9")).isInstanceOfSatisfying(AccessDenied.class, e -> {
      assertThat(e.status()).isEqualTo(429);
      assertThat(e.retryAfterSeconds()).isEqualTo(60);
    });
    // Another address is not affected; the locked one is free again after the lockout.
    assertThat(auth.login("alice", PASSWORD, "10.9.9.8").principal().name()).isEqualTo("alice");
    clock.advance(Duration.ofSeconds(61));
    assertThat(auth.login("alice", PASSWORD, "10.9.9.9").principal().name()).isEqualTo("alice");
  }

  @Test
  void shouldAcceptAKeyUntilItIsDisabledOrRotated() {
    Authenticator auth = auth(Map.of());
    String key = directory.createKey("shop", Role.BILLING, Set.of("main"));
    Principal p = auth.authenticate(key, "10.0.0.5");
    assertThat(p.kind()).isEqualTo(Principal.Kind.KEY);
    assertThat(p.mayUse("main")).isTrue();
    assertThat(p.mayUse("branch")).isFalse();
    assertThat(auth.cached(key)).contains(p);

    String rotated = directory.rotateKey("shop");
    assertThat(auth.cached(key)).isEmpty();
    assertThatThrownBy(() -> auth.authenticate(key, "10.0.0.5")).isInstanceOf(AccessDenied.class);
    assertThat(auth.authenticate(rotated, "10.0.0.5").name()).isEqualTo("shop");

    directory.setDisabled(PrincipalDirectory.KEY, "shop", true);
    assertThatThrownBy(() -> auth.authenticate(rotated, "10.0.0.5")).isInstanceOf(AccessDenied.class);
  }

  @Test
  void shouldEndSessionsOfADisabledPerson() {
    Authenticator auth = auth(Map.of());
    String token = auth.login("alice", PASSWORD, "10.0.0.1").token();
    directory.setDisabled(PrincipalDirectory.PERSON, "alice", true);
    assertThatThrownBy(() -> auth.authenticate(token, "10.0.0.1")).isInstanceOf(AccessDenied.class);
    assertThatThrownBy(() -> auth.login("alice", PASSWORD, "10.0.0.1")).isInstanceOf(AccessDenied.class);
  }

  @Test
  void shouldLimitRequestsPerPrincipalPerMinute() {
    Authenticator auth = auth(Map.of("API_RATE_LIMIT", "5"));
    Principal shop = new Principal("shop", Principal.Kind.KEY, Role.BILLING, Set.of());
    Principal other = new Principal("web", Principal.Kind.KEY, Role.BILLING, Set.of());
    for (int i = 0; i < 5; i++) {
      auth.countRequest(shop);
    }
    assertThatThrownBy(() -> auth.countRequest(shop)).isInstanceOfSatisfying(AccessDenied.class, e -> {
      assertThat(e.status()).isEqualTo(429);
      assertThat(e.retryAfterSeconds()).isPositive();
    });
    auth.countRequest(other);
    clock.advance(Duration.ofSeconds(13));
    auth.countRequest(shop);
  }

  @Test
  void shouldThrottleAnAddressWhoseRequestsKeepTrippingTheAttackDetector() {
    Authenticator auth = auth(Map.of("MAX_LOGIN_ATTEMPTS", "3", "LOCKOUT_DURATION", "60000"));
    assertThat(auth.attackFrom("10.6.6.6")).isFalse();
    assertThat(auth.attackFrom("10.6.6.6")).isFalse();
    assertThat(auth.attackFrom("10.6.6.6")).isTrue();
    assertThatThrownBy(() -> auth.refuseAttacker("10.6.6.6")).isInstanceOf(AccessDenied.class)
        .extracting(e -> ((AccessDenied) e).status()).isEqualTo(429);
    auth.refuseAttacker("10.6.6.5");
    clock.advance(Duration.ofSeconds(61));
    auth.refuseAttacker("10.6.6.6");
    Authenticator off = auth(Map.of("MAX_LOGIN_ATTEMPTS", "1", "ENABLE_ATTACK_DETECTION", "false"));
    assertThat(off.attackFrom("10.7.7.7")).isFalse();
    off.refuseAttacker("10.7.7.7");
  }

  @Test
  void shouldStoreOnlyHashesOfPasswordsKeysAndTokens() throws Exception {
    Authenticator auth = auth(Map.of());
    String key = directory.createKey("shop", Role.BILLING, Set.of());
    String token = auth.login("alice", PASSWORD, "10.0.0.1").token();
    StringBuilder all = new StringBuilder();
    try (var c = db.dataSource().getConnection(); var s = c.createStatement()) {
      for (String table : new String[] {"principals", "auth_sessions"}) {
        try (var rs = s.executeQuery("select * from " + table)) {
          while (rs.next()) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
              all.append(rs.getString(i)).append('|');
            }
          }
        }
      }
    }
    assertThat(all.toString()).doesNotContain(key).doesNotContain(key.substring(4)).doesNotContain(token)
        .doesNotContain(PASSWORD).contains(Tokens.hash(key)).contains(Tokens.hash(token)).contains("$argon2id$");
  }
}
