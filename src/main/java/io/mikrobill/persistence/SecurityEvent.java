package io.mikrobill.persistence;

import java.time.Instant;

/** Something suspicious seen at an edge: refused input, a refused caller, a probe; who and from where when known. */
public record SecurityEvent(
    long id, Instant occurredAt, String source, String kind, String field, String detail, String principal,
    String clientAddress) {}
