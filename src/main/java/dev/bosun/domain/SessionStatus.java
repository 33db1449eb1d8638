package dev.bosun.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a session is. {@code IDLE}: a manager whose agent runs one turn per process (Codex, a command) finished its
 * turn and waits, with no process, for the next message; a message queues it again and it resumes.
 *
 * <p>The named sets below are the only lists of statuses in Bosun: the store builds its SQL from them, the partial
 * indexes are checked against them, and the UI asks the predicates. A new status goes into the enum and the sets it
 * belongs to, and nowhere else.
 */
public enum SessionStatus implements Status {
    QUEUED, WAITING_CAPACITY, STARTING, RUNNING, IDLE, WAITING_USER, SUCCEEDED, FAILED, CANCELED;

    /** Ended for good: no transition leaves these. */
    public static final Set<SessionStatus> TERMINAL = Statuses.frozen(EnumSet.of(SUCCEEDED, FAILED, CANCELED));
    /** Ended without success: a session that depends on one of these can never start. */
    public static final Set<SessionStatus> UNSUCCESSFUL = Statuses.frozen(EnumSet.of(FAILED, CANCELED));
    /** Not ended yet: it still references its checkout, and counts as work of its objective. */
    public static final Set<SessionStatus> LIVE = Statuses.frozen(EnumSet.complementOf(EnumSet.copyOf(TERMINAL)));
    /** Waiting for the scheduler to place and start it. */
    public static final Set<SessionStatus> STARTABLE = Statuses.frozen(EnumSet.of(QUEUED, WAITING_CAPACITY));
    /** A session in one of these has (or is getting) a process: with none behind it, it is an orphan to requeue. */
    public static final Set<SessionStatus> NEEDS_PROCESS = Statuses.frozen(EnumSet.of(STARTING, RUNNING));
    /** A worker in one of these holds a slot of its target. */
    public static final Set<SessionStatus> HOLDS_SLOT = Statuses.frozen(EnumSet.of(STARTING, RUNNING, WAITING_USER));
    /** A manager in one of these can be poked: its agent runs, or resumes on the next message. */
    public static final Set<SessionStatus> POKEABLE = Statuses.frozen(EnumSet.of(RUNNING, IDLE));
    /** A manager in one of these is on its way to running: a respawn would make a second one. */
    public static final Set<SessionStatus> COMING_UP = Statuses.frozen(EnumSet.of(QUEUED, STARTING));
    /** A manager in one of these is driving its objective, or about to. */
    public static final Set<SessionStatus> DRIVING =
            Statuses.frozen(EnumSet.of(QUEUED, WAITING_CAPACITY, STARTING, RUNNING, IDLE));

    @Override
    public boolean terminal() {
        return TERMINAL.contains(this);
    }

    public boolean startable() {
        return STARTABLE.contains(this);
    }
}
