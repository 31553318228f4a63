package io.mikrobill.persistence;

import java.time.Instant;

/** The recorded result of one external request, keyed by where it came from and its key. */
public record RequestOutcome(
    String source,
    String requestKey,
    OutcomeStatus status,
    Integer httpStatus,
    String body,
    String routerId,
    String reason,
    Instant createdAt,
    Instant updatedAt) {}
