package dev.bosun.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * A closed PR can be reopened on every forge we target, so only {@code merged} is final. Declared in the order the
 * schema's {@code pull_requests_awaiting_review} index lists them: SQL lists are written in declaration order.
 */
public enum PullRequestStatus implements Status {
    OPEN, DRAFT, CLOSED, MERGED;

    public static final Set<PullRequestStatus> TERMINAL = Statuses.frozen(EnumSet.of(MERGED));
    /** Published and not yet decided: what the PR loop refreshes and what keeps an objective from ending. */
    public static final Set<PullRequestStatus> AWAITING_REVIEW = Statuses.frozen(EnumSet.of(OPEN, DRAFT));

    @Override
    public boolean terminal() {
        return TERMINAL.contains(this);
    }

    public boolean awaitingReview() {
        return AWAITING_REVIEW.contains(this);
    }

    /** Only an open PR (not a draft) is merged from Bosun. */
    public boolean mergeable() {
        return this == OPEN;
    }
}
