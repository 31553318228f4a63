package io.mikrobill.jms;

import java.nio.file.Path;
import java.time.Duration;

/** Settings for a test broker: loopback, a free port, its own data directory, quick redelivery. */
final class TestBrokers {

  static final long RECEIVE_TIMEOUT_MS = 5_000;

  private TestBrokers() {}

  static BrokerSettings.Builder settings(Path dataDir) {
    return BrokerSettings.builder()
        .bind("127.0.0.1")
        .port(0)
        .dataDir(dataDir)
        .maxRedeliveries(2)
        .redeliveryDelay(Duration.ofMillis(10));
  }
}
