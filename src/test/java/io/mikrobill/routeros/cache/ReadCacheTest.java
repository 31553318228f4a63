package io.mikrobill.routeros.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.mikrobill.routeros.client.CommandResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadCacheTest {

  private final AtomicLong now = new AtomicLong();
  private final Ticker ticker = now::get;
  private final AtomicInteger loads = new AtomicInteger();

  private static CommandResult result(String name) {
    return new CommandResult(List.of(Map.of("name", name)), Map.of(), false);
  }

  private CompletableFuture<CommandResult> load(String name) {
    loads.incrementAndGet();
    return CompletableFuture.completedFuture(result(name));
  }

  private final CacheKey users = CacheKey.of("r1", "/ip/hotspot/user", "all-users");

  @Test
  void shouldServeTheSecondReadFromTheCacheAndCountHitsAndMisses() {
    ReadCache cache = new ReadCache(CacheOptions.defaults(), ticker);
    cache.read(users, null, () -> load("alice")).join();
    CommandResult second = cache.read(users, null, () -> load("bob")).join();
    assertThat(second.records().get(0)).containsEntry("name", "alice");
    assertThat(loads).hasValue(1);
    assertThat(cache.stats().hitCount()).isEqualTo(1);
    assertThat(cache.stats().missCount()).isEqualTo(1);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void shouldExpireEachEntryAfterItsOwnTtl() {
    ReadCache cache = new ReadCache(CacheOptions.defaults(), ticker);
    CacheKey shortLived = CacheKey.of("r1", "/system/resource", "res");
    cache.read(shortLived, Duration.ofSeconds(1), () -> load("a")).join();
    cache.read(users, Duration.ofMinutes(1), () -> load("b")).join();
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    cache.read(shortLived, Duration.ofSeconds(1), () -> load("a2")).join();
    cache.read(users, Duration.ofMinutes(1), () -> load("b2")).join();
    assertThat(loads).hasValue(3);
  }

  @Test
  void shouldDropTheMenusAndItsDependentsReadsWhenItIsWritten() {
    ReadCache cache = new ReadCache(CacheOptions.defaults(), ticker);
    CacheKey active = CacheKey.of("r1", "/ip/hotspot/active", "active");
    CacheKey ppp = CacheKey.of("r1", "/ppp/secret", "ppp");
    CacheKey profiles = CacheKey.of("r1", "/ip/hotspot/user/profile", "profiles");
    CacheKey otherRouter = CacheKey.of("r2", "/ip/hotspot/user", "all-users");
    cache.read(users, null, () -> load("a")).join();
    cache.read(active, null, () -> load("a")).join();
    cache.read(ppp, null, () -> load("a")).join();
    cache.read(otherRouter, null, () -> load("a")).join();
    cache.read(profiles, null, () -> load("a")).join();

    cache.invalidate("r1", "/ip/hotspot/user");

    cache.read(users, null, () -> load("b")).join();
    cache.read(active, null, () -> load("b")).join();
    cache.read(ppp, null, () -> load("b")).join();
    cache.read(otherRouter, null, () -> load("b")).join();
    cache.read(profiles, null, () -> load("b")).join();
    assertThat(loads).as("users and active reloaded; ppp, profiles and the other router still cached").hasValue(7);
  }

  @Test
  void shouldNotCacheAReadThatRacedAWrite() {
    ReadCache cache = new ReadCache(CacheOptions.defaults(), ticker);
    CompletableFuture<CommandResult> slowRead = new CompletableFuture<>();
    CompletableFuture<CommandResult> first = cache.read(users, null, () -> slowRead);
    cache.invalidate("r1", "/ip/hotspot/user");
    slowRead.complete(result("before-write"));
    assertThat(first.join().records().get(0)).containsEntry("name", "before-write");

    CommandResult next = cache.read(users, null, () -> load("after-write")).join();
    assertThat(next.records().get(0)).containsEntry("name", "after-write");
  }

  @Test
  void shouldDropAnEntryThatFailsItsIntegrityCheck() {
    ReadCache cache = new ReadCache(CacheOptions.defaults(), ticker);
    cache.read(users, null, () -> load("alice")).join();
    cache.corrupt(users, result("mallory"));
    CommandResult r = cache.read(users, null, () -> load("alice-again")).join();
    assertThat(r.records().get(0)).containsEntry("name", "alice-again");
    assertThat(cache.integrityFailures()).isEqualTo(1);
  }

  @Test
  void shouldServeACorruptedEntryWhenIntegrityChecksAreOff() {
    ReadCache cache = new ReadCache(new CacheOptions(true, 100, Duration.ofMinutes(1), false), ticker);
    cache.read(users, null, () -> load("alice")).join();
    cache.corrupt(users, result("mallory"));
    assertThat(cache.read(users, null, () -> load("x")).join().records().get(0)).containsEntry("name", "mallory");
  }

  @Test
  void shouldAlwaysLoadWhenDisabled() {
    ReadCache cache = new ReadCache(new CacheOptions(false, 100, Duration.ofMinutes(1), true), ticker);
    cache.read(users, null, () -> load("a")).join();
    cache.read(users, null, () -> load("a")).join();
    assertThat(loads).hasValue(2);
    assertThat(cache.size()).isZero();
  }

  @Test
  void shouldEvictBeyondTheMaximumSize() {
    ReadCache cache = new ReadCache(new CacheOptions(true, 10, Duration.ofMinutes(1), true), ticker);
    for (int i = 0; i < 100; i++) {
      int n = i;
      cache.read(CacheKey.of("r1", "/ip/hotspot/user", "k" + i), null, () -> load("v" + n)).join();
    }
    cache.stats();
    assertThat(cache.size()).isLessThanOrEqualTo(10);
    assertThat(cache.stats().evictionCount()).isGreaterThanOrEqualTo(90);
  }

  @Test
  void shouldShareOneReadAmongCallersThatMissTheSameKeyMeanwhile() {
    ReadCache cache = new ReadCache(CacheOptions.defaults(), ticker);
    CompletableFuture<CommandResult> slow = new CompletableFuture<>();
    CompletableFuture<CommandResult> a = cache.read(users, null, () -> {
      loads.incrementAndGet();
      return slow;
    });
    CompletableFuture<CommandResult> b = cache.read(users, null, () -> load("second"));
    slow.complete(result("shared"));
    assertThat(b.join()).isSameAs(a.join());
    assertThat(loads).hasValue(1);
    assertThat(cache.coalesced()).isEqualTo(1);
  }

  @Test
  void shouldNotShareAReadThatStartedBeforeAWrite() {
    ReadCache cache = new ReadCache(CacheOptions.defaults(), ticker);
    CompletableFuture<CommandResult> slow = new CompletableFuture<>();
    cache.read(users, null, () -> slow);
    cache.invalidate("r1", "/ip/hotspot/user");
    CompletableFuture<CommandResult> after = cache.read(users, null, () -> load("after"));
    slow.complete(result("before"));
    assertThat(after.join().records().get(0)).containsEntry("name", "after");
  }

  @Test
  void shouldInvalidateDependentMenusOfAWrite() {
    assertThat(CacheKey.invalidatedBy("/ip/hotspot/user")).containsExactly("/ip/hotspot/user", "/ip/hotspot/active");
    assertThat(CacheKey.invalidatedBy("/ppp/profile")).containsExactly("/ppp/profile", "/ppp/secret", "/ppp/active");
    assertThat(CacheKey.invalidatedBy("/interface")).containsExactly("/interface");
  }
}
