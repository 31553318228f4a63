package io.mikrobill.validation;

/**
 * Where attack findings go (a security log, a metric, an alert). Called once per finding, on the
 * caller's thread, before the request is refused. {@code source} says where the request came
 * from: {@code http}, {@code csv}, {@code jms}...
 */
@FunctionalInterface
public interface SecurityEventSink {

  /** Drops every finding; for tests and tools that only want the refusal. */
  SecurityEventSink NONE = (finding, source) -> { };

  void record(SecurityFinding finding, String source);
}
