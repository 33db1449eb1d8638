package dev.bosun.domain;

/**
 * What the console shows of an objective's manager: the newest manager session's status (null before the first),
 * {@code escalated} while a supervisor escalation waits for the operator, or that a pull request waits for the
 * operator's review ({@code reviewPr}, its number; 0 when none), since PR events, not the supervisor, drive the
 * objective then. The UI's enable rules are its predicates.
 */
public record ManagerState(SessionStatus newest, boolean escalated, int reviewPr) {
    public ManagerState(SessionStatus newest, boolean escalated) {
        this(newest, escalated, 0);
    }

    /** As shown: {@code escalated}, the PR waiting for review, the newest manager's status, or empty before one. */
    public String wire() {
        return escalated ? "escalated" : reviewPr > 0 ? "waiting for your review of PR #" + reviewPr
                : newest == null ? "" : newest.wire();
    }

    /** A live manager that a poke reaches now (its agent runs, or resumes on the message). */
    public boolean pokeable() {
        return !escalated && newest != null && SessionStatus.POKEABLE.contains(newest);
    }

    /** No manager runs nor is coming up, so approving one more respawn starts one. */
    public boolean respawnable() {
        return escalated || newest == null
                || !SessionStatus.POKEABLE.contains(newest) && !SessionStatus.COMING_UP.contains(newest);
    }

    /** Nothing drives it without the operator: escalated, a PR to review, no manager, or its manager stopped. */
    public boolean needsOperator() {
        return escalated || reviewPr > 0 || newest == null || !SessionStatus.DRIVING.contains(newest);
    }
}
