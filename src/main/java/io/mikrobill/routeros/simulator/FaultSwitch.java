package io.mikrobill.routeros.simulator;

import java.util.Random;

/**
 * The faults of one simulator instance, changeable while it runs. Decisions draw from one random
 * sequence seeded by the drill's {@code seed}, under a lock, so the same commands in the same
 * order meet the same faults: a drill is reproducible. Setting a spec restarts its sequence.
 */
public final class FaultSwitch {

  /** What happens to one command. */
  public enum Action {
    NONE,
    DROP,
    STALL,
    GARBAGE,
    FATAL
  }

  private FaultSpec spec;
  private Random random;
  private Runnable onChange = () -> {};

  FaultSwitch(FaultSpec initial) {
    set(initial);
  }

  /** The drill in force. */
  public synchronized FaultSpec spec() {
    return spec;
  }

  /** Replaces the drill and restarts its random sequence from its seed. */
  public void set(FaultSpec next) {
    Runnable hook;
    synchronized (this) {
      spec = next;
      random = new Random(next.seed());
      hook = onChange;
    }
    hook.run();
  }

  /** Parses and applies a spec, as {@code --faults} and the control port do. */
  public void set(String spec) {
    set(FaultSpec.parse(spec));
  }

  /** Clears every fault. */
  public void clear() {
    set(FaultSpec.NONE);
  }

  synchronized void onChange(Runnable hook) {
    this.onChange = hook;
  }

  synchronized boolean refuseLogin() {
    return spec.refuseLogin();
  }

  /** Decides the fate of a connection's {@code n}-th command (1-based). */
  synchronized Action decide(long n) {
    FaultSpec s = spec;
    if (!s.affectsCommands()) {
      return Action.NONE;
    }
    if (s.dropAfter() > 0 && n >= s.dropAfter()) {
      return Action.DROP;
    }
    double roll = random.nextDouble();
    if ((roll -= s.dropRate()) < 0) {
      return Action.DROP;
    }
    if ((roll -= s.fatalRate()) < 0) {
      return Action.FATAL;
    }
    if ((roll -= s.garbageRate()) < 0) {
      return Action.GARBAGE;
    }
    if ((roll -= s.stallRate()) < 0) {
      return Action.STALL;
    }
    return Action.NONE;
  }

  /** Bytes that cannot start an API word (a control byte first), for the garbage fault. */
  synchronized byte[] garbage() {
    byte[] b = new byte[8 + random.nextInt(24)];
    random.nextBytes(b);
    b[0] = (byte) (0xF8 | (b[0] & 0x07));
    return b;
  }
}
