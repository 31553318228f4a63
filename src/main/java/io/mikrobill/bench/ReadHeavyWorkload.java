package io.mikrobill.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mikrobill.routeros.RouterOsTrapException;
import io.mikrobill.routeros.cache.CacheOptions;
import io.mikrobill.routeros.client.CommandResult;
import io.mikrobill.routeros.flow.RateLimiterOptions;
import io.mikrobill.routeros.flow.RequestQueueOptions;
import io.mikrobill.routeros.pool.PoolMetrics;
import io.mikrobill.routeros.pool.PoolOptions;
import io.mikrobill.routeros.protocol.Command;
import io.mikrobill.routeros.router.Router;
import io.mikrobill.routeros.router.RouterRegistry;
import io.mikrobill.routeros.router.RouterRequest;
import io.mikrobill.routeros.router.RouterSettings;
import io.netty.channel.EventLoopGroup;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The read-heavy workload: 90% prints of five hot menus through the cache (hotspot profiles 25%,
 * PPP profiles 20%, interfaces 20%, PPP secrets 15%, the hot hotspot users 10% of all
 * operations), 10% writes that change the comment of a hot hotspot user, which invalidate the
 * users menu. A read that overlaps a write goes to the router (it cannot be cached safely), so the
 * hit ratio falls as concurrency makes reads and writes overlap. Every cached read of the
 * users menu is checked against what the router has confirmed: a read that starts after a write
 * to a user was confirmed must show that write or a later one, otherwise it is stale. Writes to one
 * user never overlap, so "the last confirmed value" is exact.
 */
final class ReadHeavyWorkload {

  private static final int HOT_USERS = 20;
  // Reads, each slot 5% of all operations (18 slots = 90%): the menus a billing portal lists most.
  private static final Command HOTSPOT_PROFILES = Command.of("/ip/hotspot/user/profile/print", "=.proplist=name,rate-limit");
  private static final Command PPP_PROFILES = Command.of("/ppp/profile/print", "=.proplist=name,rate-limit");
  private static final Command INTERFACES = Command.of("/interface/print", "=.proplist=name,type");
  private static final Command PPP_SECRETS = Command.of("/ppp/secret/print", "=.proplist=name,profile", "?profile=default-encryption");
  private static final Command HOT_USERS_READ = Command.of("/ip/hotspot/user/print", "=.proplist=name,comment", "?profile=bench-hot");
  private static final List<Command> READS = List.of(
      HOTSPOT_PROFILES, HOTSPOT_PROFILES, HOTSPOT_PROFILES, HOTSPOT_PROFILES, HOTSPOT_PROFILES,
      PPP_PROFILES, PPP_PROFILES, PPP_PROFILES, PPP_PROFILES,
      INTERFACES, INTERFACES, INTERFACES, INTERFACES,
      PPP_SECRETS, PPP_SECRETS, PPP_SECRETS,
      HOT_USERS_READ, HOT_USERS_READ);

  private ReadHeavyWorkload() {}

  static ObjectNode run(BenchArguments a, EventLoopGroup group, PrintStream err) throws Exception {
    RouterSettings settings = RouterSettings.of(a.client())
        .withPool(PoolOptions.builder().minConnections(a.connections()).maxConnections(a.connections())
            .maxInFlightPerConnection(a.maxInFlight()).maxWaiting(1_000_000).build())
        .withRateLimiter(new RateLimiterOptions(false, 1, 1, Duration.ofSeconds(1), 0, true))
        .withRequestQueue(new RequestQueueOptions(false, 0, 1, true, false, 1));
    try (RouterRegistry registry = new RouterRegistry(group, false,
        new CacheOptions(true, 10_000, Duration.ofMinutes(5), true), Clock.systemUTC(), PoolMetrics.NONE)) {
      Router router = registry.add(settings);
      router.start().get(30, TimeUnit.SECONDS);
      String[] ids = setUp(router);
      AtomicLongArray confirmed = new AtomicLongArray(HOT_USERS);
      AtomicIntegerArray writing = new AtomicIntegerArray(HOT_USERS);
      AtomicLong seq = new AtomicLong(1);
      AtomicLong stale = new AtomicLong();
      AtomicLong checked = new AtomicLong();
      AtomicLong reads = new AtomicLong();
      AtomicLong writes = new AtomicLong();

      java.util.function.IntFunction<CompletableFuture<?>> op = n -> {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        if (rnd.nextInt(10) == 0) {
          int u = freeUser(writing, rnd.nextInt(HOT_USERS));
          if (u >= 0) {
            long value = seq.getAndIncrement();
            writes.incrementAndGet();
            return router.execute(RouterRequest.of(Command.of("/ip/hotspot/user/set", "=.id=" + ids[u], "=comment=" + value)))
                .whenComplete((r, e) -> {
                  if (e == null) {
                    confirmed.set(u, value);
                  }
                  writing.set(u, 0);
                });
          }
        }
        reads.incrementAndGet();
        Command read = READS.get(rnd.nextInt(READS.size()));
        long[] expected = null;
        if (read.path().equals("/ip/hotspot/user/print")) {
          expected = new long[HOT_USERS];
          for (int i = 0; i < HOT_USERS; i++) {
            expected[i] = confirmed.get(i);
          }
        }
        long[] floor = expected;
        return router.execute(RouterRequest.of(read).cached(null, null)).whenComplete((r, e) -> {
          if (e == null && floor != null) {
            checked.incrementAndGet();
            if (isStale(r, floor)) {
              stale.incrementAndGet();
            }
          }
        });
      };
      if (a.warmup() > 0) {
        LoadDriver.run(a.warmup(), a.concurrency(), op);
      }
      long hits0 = registry.cache().stats().hitCount();
      long misses0 = registry.cache().stats().missCount();
      long coalesced0 = registry.cache().coalesced();
      long reads0 = reads.get();
      long writes0 = writes.get();
      long stale0 = stale.get();
      long checked0 = checked.get();
      long cpu0 = BenchCommand.processCpuNanos();
      err.printf("bench: read-heavy commands=%d concurrency=%d connections=%d ...%n", a.commands(), a.concurrency(), a.connections());
      LoadDriver.Result r = LoadDriver.run(a.commands(), a.concurrency(), op);
      long cpu = BenchCommand.processCpuNanos() - cpu0;
      long hits = registry.cache().stats().hitCount() - hits0;
      long misses = registry.cache().stats().missCount() - misses0;
      long coalesced = registry.cache().coalesced() - coalesced0;
      long readCount = reads.get() - reads0;

      ObjectNode json = new ObjectMapper().createObjectNode();
      json.put("ops", r.ops());
      json.put("seconds", BenchCommand.round(r.seconds(), 3));
      json.put("opsPerSec", BenchCommand.round(r.ops() / r.seconds(), 1));
      json.put("p50Ms", BenchCommand.round(r.latencies().percentileMillis(50), 3));
      json.put("p99Ms", BenchCommand.round(r.latencies().percentileMillis(99), 3));
      json.put("errors", r.errors());
      json.put("workload", "read-heavy");
      json.put("reads", readCount);
      json.put("writes", writes.get() - writes0);
      json.put("cacheHits", hits);
      json.put("cacheMisses", misses);
      json.put("coalescedMisses", coalesced);
      json.put("hitRatio", BenchCommand.round(hits / (double) Math.max(1, hits + misses), 4));
      json.put("readsServedWithoutRouter", BenchCommand.round((hits + coalesced) / (double) Math.max(1, readCount), 4));
      json.put("checkedUserReads", checked.get() - checked0);
      json.put("staleReads", stale.get() - stale0);
      json.put("clientCpuMicrosPerOp", BenchCommand.round(cpu / 1000.0 / r.ops(), 2));
      if (r.firstError() != null) {
        json.put("firstError", r.firstError());
      }
      return json;
    }
  }

  /** A hot user with no write in flight, claimed for a write; -1 when all are being written. */
  private static int freeUser(AtomicIntegerArray writing, int start) {
    for (int i = 0; i < HOT_USERS; i++) {
      int u = (start + i) % HOT_USERS;
      if (writing.compareAndSet(u, 0, 1)) {
        return u;
      }
    }
    return -1;
  }

  private static boolean isStale(CommandResult r, long[] floor) {
    for (Map<String, String> rec : r.records()) {
      String name = rec.get("name");
      if (name == null || !name.startsWith("bench-hot-")) {
        continue;
      }
      int u = Integer.parseInt(name.substring("bench-hot-".length()));
      long seen = Long.parseLong(rec.getOrDefault("comment", "0"));
      if (u < floor.length && seen < floor[u]) {
        return true;
      }
    }
    return false;
  }

  /** Creates the hot profile and users (or finds them), with comment 0; returns their ids. */
  private static String[] setUp(Router router) throws Exception {
    try {
      router.execute(RouterRequest.of(Command.of("/ip/hotspot/user/profile/add", "=name=bench-hot"))).get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof RouterOsTrapException)) {
        throw e;
      }
    }
    String[] ids = new String[HOT_USERS];
    for (int i = 0; i < HOT_USERS; i++) {
      String name = "bench-hot-" + i;
      CommandResult found = router.execute(RouterRequest.of(Command.of("/ip/hotspot/user/print", "?name=" + name, "=.proplist=.id")))
          .get(30, TimeUnit.SECONDS);
      if (found.records().isEmpty()) {
        ids[i] = router.execute(RouterRequest.of(Command.of("/ip/hotspot/user/add", "=name=" + name, "=password=benchpass1",
            "=profile=bench-hot", "=comment=0"))).get(30, TimeUnit.SECONDS).ret();
      } else {
        ids[i] = found.records().get(0).get(".id");
        router.execute(RouterRequest.of(Command.of("/ip/hotspot/user/set", "=.id=" + ids[i], "=comment=0"))).get(30, TimeUnit.SECONDS);
      }
    }
    return ids;
  }
}
