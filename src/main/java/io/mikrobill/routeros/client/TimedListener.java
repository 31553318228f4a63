package io.mikrobill.routeros.client;

import io.mikrobill.routeros.RouterOsException;
import io.mikrobill.routeros.protocol.Reply;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wraps a listener with its timeout: whichever comes first, the final reply, a failure or the
 * timer, wins, and the others are ignored. The timer is cancelled when the command completes.
 */
final class TimedListener implements ReplyListener {

  final ReplyListener delegate;
  volatile ScheduledFuture<?> timer;
  private final AtomicBoolean finished = new AtomicBoolean();

  TimedListener(ReplyListener delegate) {
    this.delegate = delegate;
  }

  /** Claims the right to end the command; true once only. */
  boolean finish() {
    if (!finished.compareAndSet(false, true)) {
      return false;
    }
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
    return true;
  }

  @Override
  public void onReply(Reply reply) {
    if (reply.type().isFinal()) {
      if (finish()) {
        delegate.onReply(reply);
      }
    } else if (!finished.get()) {
      delegate.onReply(reply);
    }
  }

  @Override
  public void onFailure(RouterOsException error) {
    if (finish()) {
      delegate.onFailure(error);
    }
  }
}
