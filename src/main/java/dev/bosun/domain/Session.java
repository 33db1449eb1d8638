package dev.bosun.domain;

import java.time.Instant;

/**
 * One agent run: a manager, or a worker spawned by it. {@code everRan} is set the first time the agent really ran;
 * a manager that died before that does not count against the respawn budget.
 */
public record Session(
        String id,
        String objectiveId,
        String parentSessionId,
        SessionRole role,
        AgentKind agent,
        SessionMode mode,
        SessionStatus status,
        String title,
        String goal,
        String targetId,
        String workspaceId,
        String activity,
        String resultSummary,
        boolean everRan,
        Instant createdAt,
        Instant startedAt,
        Instant updatedAt,
        Instant completedAt,
        Instant lastOutputAt) {}
