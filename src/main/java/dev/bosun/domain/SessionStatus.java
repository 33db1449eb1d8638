package dev.bosun.domain;

/**
 * Where a session is. {@code IDLE}: a manager whose agent runs one turn per process (Codex, a command) finished its
 * turn and waits, with no process, for the next message; a message queues it again and it resumes.
 */
public enum SessionStatus implements Status {
    QUEUED, WAITING_CAPACITY, STARTING, RUNNING, IDLE, WAITING_USER, SUCCEEDED, FAILED, CANCELED;

    @Override
    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }
}
