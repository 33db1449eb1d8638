package dev.bosun.domain;

/**
 * What the console shows of an objective's manager: the newest manager session's status (null before the first), or
 * {@code escalated} while a supervisor escalation waits for the operator. The UI's enable rules are its predicates.
 */
public record ManagerState(SessionStatus newest, boolean escalated) {
    /** As shown: {@code escalated}, the newest manager's status, or empty before the first manager. */
    public String wire() {
        return escalated ? "escalated" : newest == null ? "" : newest.wire();
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

    /** Nothing drives the objective without the operator: escalated, no manager, or its manager stopped. */
    public boolean needsOperator() {
        return escalated || newest == null || !SessionStatus.DRIVING.contains(newest);
    }
}
