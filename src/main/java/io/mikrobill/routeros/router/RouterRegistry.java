package io.mikrobill.routeros.router;

import io.mikrobill.routeros.cache.CacheOptions;
import io.mikrobill.routeros.cache.ReadCache;
import io.mikrobill.routeros.pool.PoolMetrics;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The named routers of the application, sharing one I/O event loop group, one read cache and one
 * event stream. Created from configuration; closed in reverse order of creation.
 */
public final class RouterRegistry implements AutoCloseable {

  private final Map<String, Router> routers = new LinkedHashMap<>();
  private final EventLoopGroup group;
  private final boolean ownsGroup;
  private final ReadCache cache;
  private final RouterEvents events;
  private final PoolMetrics metrics;

  public RouterRegistry(CacheOptions cacheOptions, Clock clock, PoolMetrics metrics) {
    this(new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
        new DefaultThreadFactory("routeros-io", true)), true, cacheOptions, clock, metrics);
  }

  public RouterRegistry(EventLoopGroup group, boolean ownsGroup, CacheOptions cacheOptions, Clock clock, PoolMetrics metrics) {
    this.group = group;
    this.ownsGroup = ownsGroup;
    this.cache = new ReadCache(cacheOptions);
    this.events = new RouterEvents(clock);
    this.metrics = metrics;
  }

  public static RouterRegistry fromConfiguration(RouterConfiguration config) {
    return fromConfiguration(config, PoolMetrics.NONE);
  }

  /** The configured routers, their pools reporting to {@code metrics}. */
  public static RouterRegistry fromConfiguration(RouterConfiguration config, PoolMetrics metrics) {
    RouterRegistry r = new RouterRegistry(config.cache(), Clock.systemUTC(), metrics);
    config.routers().values().forEach(r::add);
    return r;
  }

  public synchronized Router add(RouterSettings settings) {
    String name = settings.client().name();
    if (routers.containsKey(name)) {
      throw new IllegalArgumentException("router '" + name + "' is already configured");
    }
    Router r = new Router(settings, group, cache, events, metrics);
    routers.put(name, r);
    return r;
  }

  /** The router of that name; an unknown name is refused with the known ones. */
  public synchronized Router get(String name) {
    Router r = routers.get(name);
    if (r == null) {
      throw new IllegalArgumentException("unknown router '" + name + "'; configured routers: " + routers.keySet());
    }
    return r;
  }

  public synchronized boolean contains(String name) {
    return routers.containsKey(name);
  }

  public synchronized Collection<Router> all() {
    return java.util.List.copyOf(routers.values());
  }

  public ReadCache cache() {
    return cache;
  }

  public RouterEvents events() {
    return events;
  }

  public EventLoopGroup group() {
    return group;
  }

  /** Starts every router's pool; completes when each has tried its first connection. */
  public CompletableFuture<Void> start() {
    CompletableFuture<?>[] all = all().stream()
        .map(r -> r.start().handle((v, e) -> {
          events.publish(RouterEvent.INITIALIZED, r.name(), Map.of("host", r.client().host(),
              "port", String.valueOf(r.client().port()), "connected", String.valueOf(e == null)));
          return null;
        }))
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(all);
  }

  @Override
  public void close() {
    java.util.List<Router> list = new java.util.ArrayList<>(all());
    java.util.Collections.reverse(list);
    list.forEach(Router::close);
    if (ownsGroup) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
  }
}
