package io.mikrobill.routeros.simulator;

import io.mikrobill.routeros.client.ClientOptions;
import io.mikrobill.routeros.client.CommandResult;
import io.mikrobill.routeros.client.RouterOsConnection;
import io.mikrobill.routeros.protocol.Command;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A simulator on a free port plus the project's client, closed together. */
final class SimulatorFixture implements AutoCloseable {

  static final String PASSWORD = "secret";

  final RouterOsSimulator sim;
  final EventLoopGroup group = new NioEventLoopGroup(2);
  private final List<RouterOsConnection> connections = new ArrayList<>();

  SimulatorFixture(SimulatorOptions.Builder options) {
    sim = new RouterOsSimulator(options.password(PASSWORD).build());
    sim.start();
  }

  static SimulatorFixture start() {
    return new SimulatorFixture(SimulatorOptions.forTests());
  }

  ClientOptions.Builder clientOptions() {
    return ClientOptions.builder()
        .host("127.0.0.1")
        .port(sim.port())
        .username("admin")
        .password(PASSWORD)
        .connectTimeout(Duration.ofSeconds(5))
        .commandTimeout(Duration.ofSeconds(5));
  }

  CompletableFuture<RouterOsConnection> connectAsync(ClientOptions options) {
    return RouterOsConnection.connect(options, group).thenApply(c -> {
      synchronized (connections) {
        connections.add(c);
      }
      return c;
    });
  }

  RouterOsConnection connect() {
    return connectAsync(clientOptions().build()).orTimeout(10, TimeUnit.SECONDS).join();
  }

  static CommandResult run(RouterOsConnection c, String path, String... words) {
    return c.execute(Command.of(path, words)).orTimeout(10, TimeUnit.SECONDS).join();
  }

  @Override
  public void close() {
    synchronized (connections) {
      connections.forEach(RouterOsConnection::close);
    }
    sim.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
