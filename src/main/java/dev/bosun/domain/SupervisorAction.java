package dev.bosun.domain;

/**
 * What the supervisor decided for one objective, with the reason recorded in the audit trail. The texts the agents
 * and the operator read are written by {@link SupervisorMessages} from the objective in full, once an action is
 * decided: the decision itself needs only a small view of each objective.
 */
public sealed interface SupervisorAction {
    String objectiveId();

    String reason();

    /** Nudge the live manager that went quiet. */
    record Poke(String objectiveId, String managerSessionId, String reason) implements SupervisorAction {}

    /** Start a new manager of {@code agent} kind, framed as a resume. */
    record Respawn(String objectiveId, AgentKind agent, String reason) implements SupervisorAction {}

    /** Stop respawning and ask the operator. */
    record Escalate(String objectiveId, String reason) implements SupervisorAction {}
}
