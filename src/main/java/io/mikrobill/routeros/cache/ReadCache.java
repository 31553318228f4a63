package io.mikrobill.routeros.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.mikrobill.routeros.client.CommandResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cached reads of every router, on Caffeine (the cache behind camel-caffeine; its W-TinyLFU
 * admission keeps hot menus better than plain LRU). Each entry has its own TTL.
 *
 * <p>No read after a write is stale: every menu has a version that a write bumps when it ends
 * (with the menus it affects, see {@link CacheKey#invalidatedBy}), removing their entries. A read
 * stores its result only if the version it saw at its start is still current, so a read that
 * overlapped a write never fills the cache with what the write replaced; such a read may answer
 * with either state, as the router itself would. With integrity on, each entry carries a
 * checksum of its content, verified on every hit; a mismatch drops the entry and counts. Callers
 * that miss a key while a read of it (at the same version) is on its way share that read.
 */
public final class ReadCache {

  private static final Logger LOG = LoggerFactory.getLogger(ReadCache.class);

  private record Entry(CommandResult value, long checksum, long ttlNanos) {}

  private final CacheOptions options;
  private final Cache<CacheKey, Entry> cache;
  private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
  private final AtomicLong integrityFailures = new AtomicLong();
  private final AtomicLong coalesced = new AtomicLong();
  private final Map<CacheKey, Loading> loading = new ConcurrentHashMap<>();

  /** A read on its way to the router, shared by the callers that miss the same key meanwhile. */
  private record Loading(long version, CompletableFuture<CommandResult> future) {}

  public ReadCache(CacheOptions options) {
    this(options, Ticker.systemTicker());
  }

  ReadCache(CacheOptions options, Ticker ticker) {
    this.options = options;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(options.maxSize())
            .ticker(ticker)
            .expireAfter(Expiry.creating((CacheKey k, Entry e) -> Duration.ofNanos(e.ttlNanos)))
            .recordStats()
            .executor(Runnable::run)
            .build();
  }

  public CacheOptions options() {
    return options;
  }

  /**
   * Returns the cached result of a read, or runs it and caches its result.
   *
   * @param ttl null for the default TTL
   */
  public CompletableFuture<CommandResult> read(CacheKey key, Duration ttl, Supplier<CompletableFuture<CommandResult>> load) {
    if (!options.enabled()) {
      return load.get();
    }
    Entry hit = cache.getIfPresent(key);
    if (hit != null) {
      if (!options.integrity() || checksum(hit.value) == hit.checksum) {
        return CompletableFuture.completedFuture(hit.value);
      }
      integrityFailures.incrementAndGet();
      LOG.warn("router={} cache entry failed its integrity check key={}; dropped", key.router(), key.name());
      cache.invalidate(key);
    }
    AtomicLong version = version(key.router(), key.menu());
    long seen = version.get();
    Loading inFlight = loading.get(key);
    if (inFlight != null && inFlight.version == seen) {
      coalesced.incrementAndGet();
      return inFlight.future;
    }
    Duration effective = ttl == null ? options.defaultTtl() : ttl;
    CompletableFuture<CommandResult> started = new CompletableFuture<>();
    Loading mine = new Loading(seen, started);
    loading.put(key, mine);
    load.get().whenComplete((r, e) -> {
      loading.remove(key, mine);
      if (e != null) {
        started.completeExceptionally(io.mikrobill.routeros.Failures.unwrap(e));
      } else {
        started.complete(r);
      }
    });
    return started.thenApply(result -> {
      if (version.get() == seen && !effective.isZero() && !effective.isNegative()) {
        cache.put(key, new Entry(result, options.integrity() ? checksum(result) : 0, effective.toNanos()));
        if (version.get() != seen) {
          cache.invalidate(key);
        }
      }
      return result;
    });
  }

  /** Call when a write to a menu has ended; drops that menu's and its dependents' reads. */
  public void invalidate(String router, String menu) {
    if (!options.enabled()) {
      return;
    }
    java.util.Set<String> menus = CacheKey.invalidatedBy(menu);
    for (String m : menus) {
      version(router, m).incrementAndGet();
    }
    cache.asMap().keySet().removeIf(k -> k.router().equals(router) && menus.contains(k.menu()));
  }

  public void invalidateAll() {
    versions.values().forEach(AtomicLong::incrementAndGet);
    cache.invalidateAll();
  }

  public CacheStats stats() {
    return cache.stats();
  }

  public long size() {
    return cache.estimatedSize();
  }

  /** Misses that shared a read already on its way instead of sending their own. */
  public long coalesced() {
    return coalesced.get();
  }

  public long integrityFailures() {
    return integrityFailures.get();
  }

  /** Test hook: damage a cached value the way a bug or a bit flip would. */
  void corrupt(CacheKey key, CommandResult other) {
    Entry e = cache.getIfPresent(key);
    if (e != null) {
      cache.put(key, new Entry(other, e.checksum, e.ttlNanos));
    }
  }

  private AtomicLong version(String router, String group) {
    return versions.computeIfAbsent(router + '\u0000' + group, k -> new AtomicLong());
  }

  static long checksum(CommandResult r) {
    long h = 1125899906842597L;
    h = mix(h, r.records().size());
    for (Map<String, String> rec : r.records()) {
      h = mix(h, mapHash(rec));
    }
    h = mix(h, mapHash(r.done()));
    return mix(h, r.empty() ? 1 : 0);
  }

  private static long mapHash(Map<String, String> m) {
    long h = 0;
    for (Map.Entry<String, String> e : m.entrySet()) {
      // order-independent, so equal maps of any iteration order hash alike
      h += mix(e.getKey().hashCode() * 31L, e.getValue().hashCode());
    }
    return h;
  }

  private static long mix(long h, long v) {
    h ^= v + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2);
    return h * 0xBF58476D1CE4E5B9L;
  }
}
