package dev.bosun.forge;

import dev.bosun.domain.ChecksState;
import dev.bosun.domain.PrFeedback;
import dev.bosun.domain.PullRequestStatus;
import java.util.List;

/**
 * A pull request as its forge sees it now: status, head, whether it merges ({@code mergeable}, {@code conflicting}
 * or {@code unknown}, with the conflicting files when known), commits, diff size, checks, and what a follow-up would
 * have to address (failing checks' text, review comments).
 */
public record PrState(PullRequestStatus status, String headSha, String mergeable, List<String> conflictFiles,
        Integer commits, String diffStat, ChecksState checks, List<PrFeedback> feedback) {
    public PrState {
        conflictFiles = List.copyOf(conflictFiles);
        feedback = List.copyOf(feedback);
    }
}
