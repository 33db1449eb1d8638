package dev.bosun.domain;

import java.util.Objects;

/**
 * Who did something, as the audit trail and the messages to agents record it: the operator, the supervisor, the
 * engine (the scheduler, the session runner, recovery), the GC, or an agent's session (by its id).
 */
public record Actor(String wire) {
    public static final Actor OPERATOR = new Actor("operator");
    public static final Actor SUPERVISOR = new Actor("supervisor");
    public static final Actor ENGINE = new Actor("engine");
    public static final Actor GC = new Actor("gc");

    public Actor {
        Objects.requireNonNull(wire, "actor");
    }

    /** The agent of a session, acting through its tools. */
    public static Actor session(String sessionId) {
        return new Actor(sessionId);
    }

    @Override
    public String toString() {
        return wire;
    }
}
