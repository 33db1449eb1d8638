package dev.bosun.domain;

import java.time.Instant;

/** What the operator asked for: a prompt to carry out on a repository. */
public record Objective(
        String id,
        String title,
        String prompt,
        String repository,
        String baseBranch,
        AgentKind managerAgent,
        ObjectiveStatus status,
        String summary,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt,
        /** The managers budget the operator gave it; null: the supervisor.max.managers setting. */
        Integer maxManagers) {}
