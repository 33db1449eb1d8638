package dev.bosun.domain;

import java.time.Instant;

/** A question for the operator: from an agent ({@code sessionId} set) or a supervisor escalation. */
public record Question(
        String id,
        String objectiveId,
        String sessionId,
        QuestionKind kind,
        QuestionStatus status,
        int priority,
        String text,
        String context,
        String answer,
        Instant createdAt,
        Instant answeredAt) {}
