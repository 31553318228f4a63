package io.mikrobill.routeros.client;

import io.mikrobill.routeros.RouterOsException;
import io.mikrobill.routeros.protocol.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pending commands of one connection, by tag. A tag is registered before its bytes are written,
 * so even a reply that overtakes the write's completion finds its command (go-routeros lost such
 * replies by registering afterwards).
 */
final class TagRegistry {

  private final Map<String, ReplyListener> pending = new ConcurrentHashMap<>();
  private final AtomicLong next = new AtomicLong();

  /** Registers a listener under a fresh tag and returns the tag. */
  String register(ReplyListener listener) {
    String tag = Long.toString(next.incrementAndGet(), 36);
    pending.put(tag, listener);
    return tag;
  }

  /** Replaces the listener of a tag (used to swallow the tail of a timed-out command). */
  void replace(String tag, ReplyListener listener) {
    pending.replace(tag, listener);
  }

  ReplyListener get(String tag) {
    return pending.get(tag);
  }

  /** Routes a tagged reply; returns false when no command has that tag. */
  boolean dispatch(Reply reply) {
    ReplyListener l = reply.type().isFinal() ? pending.remove(reply.tag()) : pending.get(reply.tag());
    if (l == null) {
      return false;
    }
    l.onReply(reply);
    return true;
  }

  ReplyListener remove(String tag) {
    return pending.remove(tag);
  }

  int size() {
    return pending.size();
  }

  /** Fails and removes every pending command. */
  void failAll(RouterOsException error) {
    List<ReplyListener> all = new ArrayList<>();
    for (String tag : List.copyOf(pending.keySet())) {
      ReplyListener l = pending.remove(tag);
      if (l != null) {
        all.add(l);
      }
    }
    for (ReplyListener l : all) {
      try {
        l.onFailure(error);
      } catch (RuntimeException ignored) {
        // One listener's bug must not keep the others waiting forever.
      }
    }
  }
}
