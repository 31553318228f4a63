package io.mikrobill.routeros.flow;

import io.mikrobill.routeros.RateLimitExceededException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounded concurrency toward one router, with a priority-ordered waiting line. A request is a
 * task that starts an asynchronous call; no thread waits for it. With batching, when a write
 * leaves the line, the other queued writes to the same menu (up to the batch size) leave with it
 * and share its concurrency slot, so they reach the router back to back on one connection.
 */
public final class RequestQueue {

  private final String router;
  private final RequestQueueOptions options;
  private final PriorityWaitQueue<Request<?>> waiting;
  private int running;
  private long batches;
  private long batchedRequests;

  public RequestQueue(String router, RequestQueueOptions options) {
    this.router = router;
    this.options = options;
    this.waiting = new PriorityWaitQueue<>(options.priority());
  }

  public RequestQueueOptions options() {
    return options;
  }

  /**
   * Runs the task when a slot is free.
   *
   * @param menu the menu a write changes, or null for a read (reads are never batched)
   */
  public <T> CompletableFuture<T> submit(Priority priority, String menu, Supplier<CompletableFuture<T>> task) {
    if (!options.enabled()) {
      return task.get();
    }
    Request<T> request = new Request<>(menu, task);
    boolean runNow;
    synchronized (this) {
      if (running < options.maxConcurrency() && waiting.isEmpty()) {
        running++;
        runNow = true;
      } else if (waiting.size() >= options.maxSize()) {
        return CompletableFuture.failedFuture(new RateLimitExceededException(
            "router=" + router + " request queue is full (" + waiting.size() + " waiting, REQUEST_QUEUE_MAX_SIZE="
                + options.maxSize() + ")"));
      } else {
        waiting.add(priority, request);
        runNow = false;
      }
    }
    if (runNow) {
      start(List.of(request));
    }
    return request.result;
  }

  public synchronized int running() {
    return running;
  }

  public synchronized int queued() {
    return waiting.size();
  }

  /** Batches sent with more than one request, and the requests they carried. */
  public synchronized long[] batchStats() {
    return new long[] {batches, batchedRequests};
  }

  private void start(List<Request<?>> batch) {
    AtomicInteger left = new AtomicInteger(batch.size());
    for (Request<?> r : batch) {
      r.run().whenComplete((v, e) -> {
        if (left.decrementAndGet() == 0) {
          finished();
        }
      });
    }
  }

  private void finished() {
    List<List<Request<?>>> next = new ArrayList<>();
    synchronized (this) {
      running--;
      while (running < options.maxConcurrency() && !waiting.isEmpty()) {
        Request<?> head = waiting.poll();
        List<Request<?>> batch = new ArrayList<>();
        batch.add(head);
        if (options.batching() && head.menu != null) {
          while (batch.size() < options.batchSize()) {
            Request<?> same = waiting.pollFirstMatching(r -> head.menu.equals(r.menu));
            if (same == null) {
              break;
            }
            batch.add(same);
          }
          if (batch.size() > 1) {
            batches++;
            batchedRequests += batch.size();
          }
        }
        running++;
        next.add(batch);
      }
    }
    next.forEach(this::start);
  }

  private static final class Request<T> {
    final String menu;
    final Supplier<CompletableFuture<T>> task;
    final CompletableFuture<T> result = new CompletableFuture<>();

    Request(String menu, Supplier<CompletableFuture<T>> task) {
      this.menu = menu;
      this.task = task;
    }

    CompletableFuture<T> run() {
      CompletableFuture<T> f;
      try {
        f = task.get();
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      f.whenComplete((v, e) -> {
        if (e != null) {
          result.completeExceptionally(io.mikrobill.routeros.Failures.unwrap(e));
        } else {
          result.complete(v);
        }
      });
      return f;
    }
  }
}
