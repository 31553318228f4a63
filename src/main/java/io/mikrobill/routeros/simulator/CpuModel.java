package io.mikrobill.routeros.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The router's processor: at most {@code cores} commands in service at once, each holding its
 * core for the service time ({@code --latency-ms}); the rest wait in arrival order. No thread
 * sleeps: a command's work runs when its service time has elapsed on the timer, and only then is
 * its core released to the next one.
 *
 * <p>With no service time the command runs at once on the caller's thread (the connection's event
 * loop): the fast path allocates no task and never waits.
 */
final class CpuModel {

  private final long latencyNanos;
  private final ScheduledExecutorService timer;
  private final Queue<Job> waiting = new ArrayDeque<>();
  private int freeCores;

  private record Job(Runnable work, Runnable after) {}

  CpuModel(int cores, Duration latency, ScheduledExecutorService timer) {
    this.freeCores = cores;
    this.latencyNanos = latency.toNanos();
    this.timer = timer;
  }

  /** Serves {@code work}; {@code after} (may be null) runs once it is done, even if it failed. */
  void submit(Runnable work, Runnable after) {
    if (latencyNanos == 0) {
      runJob(new Job(work, after));
      return;
    }
    Job job = new Job(work, after);
    synchronized (this) {
      if (freeCores == 0) {
        waiting.add(job);
        return;
      }
      freeCores--;
    }
    schedule(job);
  }

  /** Commands waiting for a core: the router's backlog. */
  synchronized int backlog() {
    return waiting.size();
  }

  private void schedule(Job job) {
    timer.schedule(
        () -> {
          try {
            runJob(job);
          } finally {
            release();
          }
        },
        latencyNanos,
        TimeUnit.NANOSECONDS);
  }

  private void release() {
    Job next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        freeCores++;
        return;
      }
    }
    schedule(next);
  }

  private static void runJob(Job job) {
    try {
      job.work().run();
    } finally {
      if (job.after() != null) {
        job.after().run();
      }
    }
  }
}
