package io.mikrobill.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed-loop load: {@code concurrency} lanes, each starting its next operation when the last
 * one finished, until {@code total} operations have finished. No thread waits per operation.
 */
final class LoadDriver {

  record Result(int ops, long errors, double seconds, Latencies latencies, String firstError) {}

  private LoadDriver() {}

  static Result run(int total, int concurrency, IntFunction<CompletableFuture<?>> operation) throws InterruptedException {
    AtomicInteger issued = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    CountDownLatch done = new CountDownLatch(total);
    Latencies latencies = new Latencies(total);
    String[] firstError = {null};
    long start = System.nanoTime();
    Runnable[] lane = new Runnable[1];
    java.util.function.BiConsumer<Long, Throwable> finish = (t0, e) -> {
      latencies.add(System.nanoTime() - t0);
      if (e != null && errors.getAndIncrement() == 0) {
        Throwable c = io.mikrobill.routeros.Failures.unwrap(e);
        firstError[0] = String.valueOf(c.getMessage());
      }
      done.countDown();
    };
    // A loop, not recursion: operations that finish at once (cache hits) must not grow the stack.
    lane[0] = () -> {
      while (true) {
        int n = issued.getAndIncrement();
        if (n >= total) {
          return;
        }
        long t0 = System.nanoTime();
        CompletableFuture<?> f;
        try {
          f = operation.apply(n);
        } catch (RuntimeException e) {
          f = CompletableFuture.failedFuture(e);
        }
        if (f.isDone()) {
          Throwable e = null;
          try {
            f.join();
          } catch (RuntimeException x) {
            e = x;
          }
          finish.accept(t0, e);
          continue;
        }
        f.whenComplete((r, e) -> {
          finish.accept(t0, e);
          lane[0].run();
        });
        return;
      }
    };
    for (int i = 0; i < Math.min(concurrency, total); i++) {
      lane[0].run();
    }
    if (!done.await(30, TimeUnit.MINUTES)) {
      throw new IllegalStateException("benchmark did not finish in 30 minutes");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(total, errors.get(), seconds, latencies, firstError[0]);
  }
}
