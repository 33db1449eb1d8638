package dev.bosun.domain;

import java.time.Instant;

/** A pull request; {@code forge} is the wire name of what serves it ({@code local} or {@code github}). */
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
        Instant updatedAt,
        String forge) {

    public boolean isOpen() {
        return status.awaitingReview();
    }
}
