package io.mikrobill.routeros.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The reply side of one command: turns results into sentences carrying the command's tag, and
 * knows whether the command is still running. A command ends once, with its {@code !done}; after
 * that (or after it was interrupted by {@code /cancel}) further output is dropped, as a stream's
 * late change must not follow its {@code !done}.
 */
final class CommandReplies {

  private static final byte[] RE = bytes("!re");
  private static final byte[] DONE = bytes("!done");
  private static final byte[] TRAP = bytes("!trap");
  private static final byte[] EMPTY = bytes("!empty");

  private final ApiSession session;
  private final Request request;
  private final byte[] tagWord;
  private final long extraDelayNanos;
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile Runnable onCancel;

  CommandReplies(ApiSession session, Request request, long extraDelayNanos) {
    this.session = session;
    this.request = request;
    this.tagWord = request.tag() == null ? null : bytes(".tag=" + request.tag());
    this.extraDelayNanos = extraDelayNanos;
  }

  Request request() {
    return request;
  }

  String tag() {
    return request.tag();
  }

  RouterOsVersion version() {
    return session.version();
  }

  boolean isFinished() {
    return finished.get();
  }

  void re(Map<String, String> attributes) {
    if (!finished.get()) {
      send(RE, attributes);
    }
  }

  void trap(int category, String message) {
    if (finished.get()) {
      return;
    }
    List<byte[]> words = new ArrayList<>(4);
    words.add(TRAP);
    if (category >= 0) {
      words.add(bytes("=category=" + category));
    }
    words.add(bytes("=message=" + message));
    addTag(words);
    session.send(words, extraDelayNanos);
  }

  /** {@code !empty} where the version has it (7.18 and later); nothing otherwise. */
  void emptyIfSupported() {
    if (!finished.get() && session.version().sendsEmpty()) {
      send(EMPTY, Map.of());
    }
  }

  void done() {
    done(Map.of());
  }

  void done(Map<String, String> attributes) {
    if (finished.compareAndSet(false, true)) {
      send(DONE, attributes);
      session.finished(this);
    }
  }

  /** Keeps the command running (a stream) until {@code /cancel}; {@code stop} ends its feed. */
  void streamUntilCancelled(Runnable stop) {
    this.onCancel = stop;
    if (finished.get()) {
      stop.run();
    }
  }

  /**
   * First half of a cancel: stops the command and sends its {@code !trap interrupted}. Returns
   * false when it had already ended. The caller then sends the cancel's own {@code !done}, and
   * then {@link #interruptedDone()}: that is the order a real router uses.
   */
  boolean interrupt() {
    if (!finished.compareAndSet(false, true)) {
      return false;
    }
    stopFeed();
    List<byte[]> words = new ArrayList<>(4);
    words.add(TRAP);
    words.add(bytes("=category=2"));
    words.add(bytes("=message=interrupted"));
    addTag(words);
    session.send(words, extraDelayNanos);
    return true;
  }

  void interruptedDone() {
    List<byte[]> words = new ArrayList<>(2);
    words.add(DONE);
    addTag(words);
    session.send(words, extraDelayNanos);
    session.finished(this);
  }

  /** The connection is gone: stop feeding, send nothing. */
  void abandon() {
    finished.set(true);
    stopFeed();
  }

  private void stopFeed() {
    Runnable stop = onCancel;
    if (stop != null) {
      stop.run();
    }
  }

  private void send(byte[] type, Map<String, String> attributes) {
    List<byte[]> words = new ArrayList<>(attributes.size() + 2);
    words.add(type);
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      words.add(bytes("=" + e.getKey() + "=" + e.getValue()));
    }
    addTag(words);
    session.send(words, extraDelayNanos);
  }

  private void addTag(List<byte[]> words) {
    if (tagWord != null) {
      words.add(tagWord);
    }
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
