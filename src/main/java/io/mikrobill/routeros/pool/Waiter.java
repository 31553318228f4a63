package io.mikrobill.routeros.pool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** A caller waiting for room on a connection, with its acquire timer. */
final class Waiter {
  final long sinceNanos;
  final CompletableFuture<Lease> future = new CompletableFuture<>();
  volatile ScheduledFuture<?> timer;

  Waiter(long sinceNanos) {
    this.sinceNanos = sinceNanos;
  }

  boolean complete(Lease lease) {
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
    return future.complete(lease);
  }

  void fail(Throwable error) {
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
    future.completeExceptionally(error);
  }
}
