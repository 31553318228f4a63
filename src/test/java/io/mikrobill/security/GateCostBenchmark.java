package io.mikrobill.security;

import io.mikrobill.config.SettingsReader;
import io.mikrobill.persistence.Database;
import io.mikrobill.persistence.DatabaseSettings;
import io.mikrobill.persistence.Principals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * What the HTTP edge's gate does per request once a secret is known (the common case): find the
 * rule of the path, hash the bearer secret and find it in memory, count the request against the
 * principal's rate limit. Prints nanoseconds per request for an API key and a session token, on
 * one thread, after a warm-up. Not a test: run it with
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.mikrobill.security.GateCostBenchmark}.
 */
public final class GateCostBenchmark {

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    Path dir = Files.createTempDirectory("gate-bench");
    try (Database db = Database.open(DatabaseSettings.from(name -> null, dir))) {
      db.migrate();
      Clock clock = Clock.systemUTC();
      Principals store = new Principals(db.dataSource(), clock);
      PrincipalDirectory directory = new PrincipalDirectory(store, new Passwords(), clock);
      directory.createPerson("bench", Role.ADMIN, "bench password 1");
      String key = directory.createKey("bench-key", Role.BILLING, Set.of());
      Authenticator auth = new Authenticator(directory, store,
          SecuritySettings.from(new SettingsReader(Map.of("API_RATE_LIMIT", "10000000")::get)), clock);
      String session = auth.login("bench", "bench password 1", "127.0.0.1").token();
      for (String[] c : new String[][] {{"key", key}, {"session", session}}) {
        run(auth, c[1], n / 4);
        long ns = run(auth, c[1], n);
        System.out.printf("{\"credential\":\"%s\",\"requests\":%d,\"nanosPerRequest\":%.0f}%n", c[0], n, (double) ns / n);
      }
    }
  }

  /** The gate's work for {@code n} requests; the secret is re-checked in the database when its {@link Authenticator#RECHECK} is due. */
  private static long run(Authenticator auth, String bearer, int n) {
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      AccessRules.Rule rule = AccessRules.of("POST", "/api/hotspot/users");
      Principal p = auth.cached(bearer).orElseGet(() -> auth.authenticate(bearer, "127.0.0.1"));
      if (!rule.roles().contains(p.role())) {
        throw new IllegalStateException("refused");
      }
      auth.countRequest(p);
    }
    return System.nanoTime() - start;
  }
}
