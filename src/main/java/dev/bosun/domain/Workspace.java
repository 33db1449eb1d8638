package dev.bosun.domain;

import java.time.Instant;

/** A git checkout on a target, usually {@code <WorkRoot>/<sessionID>}. {@code baseSha} guards GC against losing commits. */
public record Workspace(
        String id,
        String objectiveId,
        String sessionId,
        String targetId,
        WorkspaceKind kind,
        WorkspaceStatus status,
        String path,
        String repository,
        String baseRef,
        String baseSha,
        String branch,
        Instant createdAt,
        Instant updatedAt) {}
