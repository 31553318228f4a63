package io.mikrobill.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.mikrobill.persistence.Principals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Turns a bearer secret into a principal, and keeps people's sessions, lockouts and rate limits.
 * <ul>
 *   <li>API keys and session tokens are found by their SHA-256; what was found is kept in memory
 *       for {@link #RECHECK} so the common request costs a hash and a map lookup, and a key
 *       disabled or a session ended on another instance stops working within that time (at
 *       once on this one).</li>
 *   <li>A session ends after {@code SESSION_TIMEOUT} without a request or {@code SESSION_MAX_AGE}
 *       after login; its last use is written back at most every {@link #RECHECK}.</li>
 *   <li>{@code MAX_LOGIN_ATTEMPTS} failed logins for one account lock it (423); as many failed
 *       logins or bad credentials from one address lock the address (429); both for
 *       {@code LOCKOUT_DURATION}, with {@code Retry-After}.</li>
 *   <li>Each principal may send {@code API_RATE_LIMIT} requests a minute (429 beyond).</li>
 *   <li>An address whose requests trip the attack detector that many times is throttled the same way.</li>
 * </ul>
 * Every duration comes from the clock, so tests move time instead of waiting. Methods that may
 * reach the database are marked; {@link #cached} never does.
 */
public final class Authenticator {

  /** How long a key or session found in the database is trusted from memory before it is looked at again. */
  public static final Duration RECHECK = Duration.ofSeconds(5);

  /** A session as this instance knows it. */
  private static final class Live {
    final String tokenHash;
    final Principal principal;
    final Instant createdAt;
    volatile Instant lastUsed;
    volatile Instant storedLastUsed;
    volatile Instant checkedAt;

    Live(String tokenHash, Principal principal, Instant createdAt, Instant lastUsed, Instant checkedAt) {
      this.tokenHash = tokenHash;
      this.principal = principal;
      this.createdAt = createdAt;
      this.lastUsed = lastUsed;
      this.storedLastUsed = lastUsed;
      this.checkedAt = checkedAt;
    }
  }

  private record Known(Principal principal, Instant checkedAt) {}

  /** A new session: the token (shown once) and when it ends if unused. */
  public record Login(String token, Instant expiresAt, Principal principal) {}

  private final PrincipalDirectory directory;
  private final Principals store;
  private final SecuritySettings settings;
  private final Clock clock;
  private final Strikes accounts;
  private final Strikes addresses;
  private final Strikes attacks;
  private final Map<String, Known> keys = new ConcurrentHashMap<>();
  private final Map<String, Live> sessions = new ConcurrentHashMap<>();
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Map<String, Instant> keyTouched = new ConcurrentHashMap<>();
  private final TimeMeter time;

  public Authenticator(PrincipalDirectory directory, Principals store, SecuritySettings settings, Clock clock) {
    this.directory = directory;
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.accounts = new Strikes(settings.maxLoginAttempts(), settings.lockoutDuration(), clock);
    this.addresses = new Strikes(settings.maxLoginAttempts(), settings.lockoutDuration(), clock);
    this.attacks = new Strikes(settings.maxLoginAttempts(), settings.lockoutDuration(), clock);
    this.time = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return TimeUnit.MILLISECONDS.toNanos(clock.millis());
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    };
    directory.onChange(this::forget);
  }

  public SecuritySettings settings() {
    return settings;
  }

  /**
   * The principal of {@code bearer} from memory, when it was checked against the database within
   * {@link #RECHECK} and is still valid; empty when the database must be asked ({@link #authenticate}).
   * Never blocks.
   */
  public Optional<Principal> cached(String bearer) {
    if (bearer == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    String hash = Tokens.hash(bearer);
    if (bearer.startsWith(Tokens.KEY_PREFIX)) {
      Known k = keys.get(hash);
      return k != null && k.checkedAt().plus(RECHECK).isAfter(now) ? Optional.of(k.principal()) : Optional.empty();
    }
    Live s = sessions.get(hash);
    if (s == null || !s.checkedAt.plus(RECHECK).isAfter(now) || expired(s, now) != null) {
      return Optional.empty();
    }
    s.lastUsed = now;
    return Optional.of(s.principal);
  }

  /**
   * Whether {@code bearer} was found valid on this instance before (its check may be due again):
   * such a secret is not a guess, so a locked address may still use it.
   */
  public boolean recognised(String bearer) {
    if (bearer == null) {
      return false;
    }
    String hash = Tokens.hash(bearer);
    return keys.containsKey(hash) || sessions.containsKey(hash);
  }

  /**
   * The principal of {@code bearer} (an API key or a session token) sent from {@code address}.
   * May reach the database. A wrong or expired one is a 401 and counts against the address.
   */
  public Principal authenticate(String bearer, String address) {
    if (!recognised(bearer)) {
      refuseLockedAddress(address);
    }
    if (bearer == null || bearer.isBlank()) {
      throw AccessDenied.unauthenticated("authentication required: send Authorization: Bearer <API key or session token>");
    }
    Instant now = clock.instant();
    String hash = Tokens.hash(bearer);
    if (bearer.startsWith(Tokens.KEY_PREFIX)) {
      Optional<Principal> p = directory.checkKey(bearer);
      if (p.isEmpty()) {
        keys.remove(hash);
        throw badCredential(address, "the API key is wrong or disabled");
      }
      keys.put(hash, new Known(p.get(), now));
      Instant touched = keyTouched.get(p.get().name());
      if (touched == null || touched.plus(Duration.ofMinutes(1)).isBefore(now)) {
        keyTouched.put(p.get().name(), now);
        directory.touch(p.get().name());
      }
      return p.get();
    }
    if (!bearer.startsWith(Tokens.SESSION_PREFIX) || bearer.length() > 100) {
      throw badCredential(address, "the bearer token is not a MikroBill API key or session token");
    }
    Live s = sessions.get(hash);
    Optional<Principals.Session> row = store.findSession(hash);
    if (row.isEmpty()) {
      sessions.remove(hash);
      throw badCredential(address, "the session has ended or never existed; log in again");
    }
    if (row.get().endedAt() != null) {
      // A token that existed cannot be a guess: its holder only needs to log in again.
      sessions.remove(hash);
      throw AccessDenied.unauthenticated("the session has ended or never existed; log in again");
    }
    Optional<Principal> p = directory.find(row.get().principal());
    if (p.isEmpty()) {
      sessions.remove(hash);
      throw badCredential(address, "the session's user is disabled or gone");
    }
    Instant lastUsed = row.get().lastUsedAt();
    if (s != null && s.lastUsed.isAfter(lastUsed)) {
      lastUsed = s.lastUsed;
    }
    Live live = new Live(hash, p.get(), row.get().createdAt(), lastUsed, now);
    String why = expired(live, now);
    if (why != null) {
      sessions.remove(hash);
      store.endSession(hash, now);
      throw AccessDenied.unauthenticated(why);
    }
    live.lastUsed = now;
    if (lastUsed.isAfter(row.get().lastUsedAt()) || now.isAfter(row.get().lastUsedAt())) {
      store.touchSession(hash, now);
      live.storedLastUsed = now;
    }
    sessions.put(hash, live);
    return p.get();
  }

  /** Logs a person in: a new session, or 401 (wrong), 423 (account locked), 429 (address locked). Reaches the database. */
  public Login login(String username, String password, String address) {
    Principal p = underLockout(username, address, "wrong username or password", account -> directory.checkPassword(account, password));
    Instant now = clock.instant();
    String token = Tokens.newSession();
    String hash = Tokens.hash(token);
    store.createSession(hash, p.name(), now);
    directory.touch(p.name());
    sessions.put(hash, new Live(hash, p, now, now, now));
    return new Login(token, expiresAt(now, now), p);
  }

  /**
   * Checks a login and secret given to another protocol (the broker's), under the same lockout as
   * {@link #login}: 423 for a locked account, 429 for a locked address, 401 for a wrong pair (which
   * counts against both). Reaches the database.
   */
  public Principal checkCredentials(String login, String secret, String address) {
    return underLockout(login, address, "wrong login or secret", account -> directory.check(account, secret));
  }

  /** Runs {@code check} for {@code login} unless the account or address is locked; a failure counts against both. */
  private Principal underLockout(String login, String address, String wrong,
      java.util.function.Function<String, Optional<Principal>> check) {
    String account = login == null ? "" : login.trim();
    accounts.locked(account).ifPresent(d -> {
      throw new AccessDenied(423, "locked", "the account is locked after " + settings.maxLoginAttempts()
          + " failed logins; retry in " + Strikes.seconds(d) + " s", Strikes.seconds(d));
    });
    refuseLockedAddress(address);
    Optional<Principal> p = check.apply(account);
    if (p.isEmpty()) {
      accounts.strike(account);
      if (address != null) {
        addresses.strike(address);
      }
      throw AccessDenied.unauthenticated(wrong);
    }
    accounts.clear(account);
    return p.get();
  }

  /** Ends the session of {@code token}; a key or an unknown token is left alone. Reaches the database. */
  public void logout(String token) {
    if (token != null && token.startsWith(Tokens.SESSION_PREFIX)) {
      String hash = Tokens.hash(token);
      sessions.remove(hash);
      store.endSession(hash, clock.instant());
    }
  }

  /** When the session of {@code token} ends if it is not used again (null for a key). */
  public Instant expiresAt(String token) {
    Live s = token == null ? null : sessions.get(Tokens.hash(token));
    return s == null ? null : expiresAt(s.createdAt, s.lastUsed);
  }

  /** 429 when the principal has sent {@code API_RATE_LIMIT} requests in the last minute. Never blocks. */
  public void countRequest(Principal p) {
    if (settings.apiRateLimit() <= 0) {
      return;
    }
    Bucket b = buckets.computeIfAbsent(p.label(), k -> Bucket.builder()
        .addLimit(l -> l.capacity(settings.apiRateLimit()).refillGreedy(settings.apiRateLimit(), Duration.ofMinutes(1)))
        .withCustomTimePrecision(time).build());
    var probe = b.tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      int s = (int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
      throw new AccessDenied(429, "rate-limited", "more than " + settings.apiRateLimit()
          + " requests a minute (API_RATE_LIMIT); retry in " + s + " s", s);
    }
  }

  /** An address's request tripped the attack detector; true when that throttled it. */
  public boolean attackFrom(String address) {
    return settings.attackDetection() && address != null && attacks.strike(address);
  }

  /**
   * 429 when the address is locked after failed logins or bad credentials. Never blocks. A
   * locked address may not try new secrets; a caller whose secret is already known valid
   * ({@link #recognised}) is not refused, so one bad client behind a shared address does not lock
   * out the others.
   */
  public void refuseLockedAddress(String address) {
    if (address == null) {
      return;
    }
    Optional<Duration> d = addresses.locked(address);
    if (d.isPresent()) {
      int s = Strikes.seconds(d.get());
      throw new AccessDenied(429, "locked-out", "too many failed logins or bad credentials from this address;"
          + " retry in " + s + " s", s);
    }
  }

  /** 429 when the address is throttled for requests refused as attacks, whoever it claims to be. Never blocks. */
  public void refuseAttacker(String address) {
    if (address == null) {
      return;
    }
    Optional<Duration> d = attacks.locked(address);
    if (d.isPresent()) {
      int s = Strikes.seconds(d.get());
      throw new AccessDenied(429, "attack-throttled", "requests from this address were refused as attacks "
          + settings.maxLoginAttempts() + " times; retry in " + s + " s", s);
    }
  }

  private AccessDenied badCredential(String address, String message) {
    if (address != null) {
      addresses.strike(address);
    }
    return AccessDenied.unauthenticated(message);
  }

  private String expired(Live s, Instant now) {
    if (!s.createdAt.plus(settings.sessionMaxAge()).isAfter(now)) {
      return "the session reached its maximum age (SESSION_MAX_AGE); log in again";
    }
    if (!s.lastUsed.plus(settings.sessionTimeout()).isAfter(now)) {
      return "the session was idle longer than SESSION_TIMEOUT; log in again";
    }
    return null;
  }

  private Instant expiresAt(Instant created, Instant lastUsed) {
    Instant idle = lastUsed.plus(settings.sessionTimeout());
    Instant max = created.plus(settings.sessionMaxAge());
    return idle.isBefore(max) ? idle : max;
  }

  private void forget(String name) {
    keys.values().removeIf(k -> k.principal().name().equals(name));
    sessions.values().removeIf(s -> s.principal.name().equals(name));
  }
}
