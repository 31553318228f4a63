package io.mikrobill.routeros.simulator;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * One connection's commands served one at a time ({@code --serial-per-connection}): the next
 * command enters the processor only when the previous one has been served.
 */
final class SerialLane {

  private final CpuModel cpu;
  private final Queue<Runnable> queue = new ArrayDeque<>();
  private boolean busy;

  SerialLane(CpuModel cpu) {
    this.cpu = cpu;
  }

  void submit(Runnable work) {
    synchronized (this) {
      if (busy) {
        queue.add(work);
        return;
      }
      busy = true;
    }
    cpu.submit(work, this::next);
  }

  private void next() {
    Runnable work;
    synchronized (this) {
      work = queue.poll();
      if (work == null) {
        busy = false;
        return;
      }
    }
    cpu.submit(work, this::next);
  }
}
