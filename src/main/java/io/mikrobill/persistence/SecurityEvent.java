package io.mikrobill.persistence;

import java.time.Instant;

/** Something suspicious seen at an edge: refused input, a bad signature, a probe. */
public record SecurityEvent(
    long id, Instant occurredAt, String source, String kind, String field, String detail) {}
