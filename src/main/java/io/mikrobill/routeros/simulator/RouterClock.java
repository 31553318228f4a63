package io.mikrobill.routeros.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** The router's wall clock: the injected clock plus whatever time tests have moved it on. */
final class RouterClock {

  private final Clock base;
  private final AtomicLong offsetNanos = new AtomicLong();

  RouterClock(Clock base) {
    this.base = base;
  }

  Instant now() {
    return base.instant().plusNanos(offsetNanos.get());
  }

  void advance(Duration d) {
    offsetNanos.addAndGet(d.toNanos());
  }
}
