package dev.bosun.domain;

import java.time.Instant;

public record PullRequest(
        String id,
        String objectiveId,
        String sessionId,
        String repository,
        int number,
        String url,
        String title,
        String branch,
        String baseBranch,
        String headSha,
        PullRequestStatus status,
        ChecksState checks,
        Instant createdAt,
        Instant updatedAt) {}
