package dev.bosun.domain;

/** What the supervisor decided for one objective. Each carries the reason recorded in the audit trail. */
public sealed interface SupervisorAction {
    String objectiveId();

    String reason();

    /** Nudge the live manager that went quiet; {@code message} restates the objective with the state snapshot. */
    record Poke(String objectiveId, String managerSessionId, String reason, String message)
            implements SupervisorAction {}

    /** Start a new manager; {@code goal} is the original prompt with the snapshot, framed as a resume. */
    record Respawn(String objectiveId, AgentKind agent, String reason, String goal) implements SupervisorAction {}

    /** Stop respawning and ask the operator; {@code context} is the state snapshot. */
    record Escalate(String objectiveId, String reason, String question, String context) implements SupervisorAction {}
}
