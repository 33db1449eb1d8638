package dev.bosun.engine;

/** The operator's answer to a supervisor escalation. */
public sealed interface EscalationChoice {
    /** Grant {@code moreRespawns}; {@code instruction} (may be blank) is given to the next manager. */
    record Continue(int moreRespawns, String instruction) implements EscalationChoice {}

    record CancelObjective() implements EscalationChoice {}
}
