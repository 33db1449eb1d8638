package dev.bosun.domain;

/**
 * What an audit event records. A status change's type is its entity and new status ({@code session_running},
 * {@code pull_request_merged}), made by {@link #ofStatusChange}; every other event is one of these.
 */
public enum AuditType {
    OBJECTIVE_CREATED, SESSION_CREATED, WORKSPACE_CREATED, QUESTION_ASKED,
    PR_PUBLISHED, PR_UPDATED, PR_COMMENT, FORCE_PUSH, FOLLOW_UP_STARTED, FOLLOW_UP_LIMIT,
    TARGET_ADDED, TARGET_CAPACITY, TARGET_DOCTOR, DISK_PRESSURE, DISK_OK,
    MANAGER_POKED, MANAGER_RESPAWNED, MANAGER_NOTIFIED, SUPERVISOR_ESCALATED, RESPAWN_APPROVED,
    OPERATOR_MESSAGE, NOTE, GC_REQUESTED, GC_FAILED, WORK_DISCARDED,
    /** A status change that came too late: the entity had already ended. */
    TRANSITION_IGNORED,
    /** A status change that is not an edge of the entity's state machine. */
    TRANSITION_REFUSED;

    /**
     * The objective moved on: a session was created, a PR published or updated, a question asked, or the operator
     * acted. The supervisor's count of pokes without progress starts again from here.
     */
    public boolean progress() {
        return switch (this) {
            case SESSION_CREATED, PR_PUBLISHED, PR_UPDATED, QUESTION_ASKED, RESPAWN_APPROVED, OPERATOR_MESSAGE -> true;
            default -> false;
        };
    }

    /** The name stored in the audit trail. */
    public String wire() {
        return WireNames.of(this);
    }

    /** The type of an applied status change of {@code machine}'s entity to {@code to}. */
    public static <S extends Enum<S> & Status> String ofStatusChange(StateMachine<S> machine, S to) {
        return machine.entity() + "_" + to.wire();
    }
}
