package dev.bosun.domain;

import java.time.Instant;

/**
 * One line of the audit trail. {@code actor} says who did it: {@code operator}, {@code engine}, {@code supervisor},
 * or a session id. The audit trail never holds secrets or transcript text.
 */
public record AuditEvent(
        long seq,
        Instant at,
        String objectiveId,
        String sessionId,
        String type,
        String summary,
        String actor) {}
