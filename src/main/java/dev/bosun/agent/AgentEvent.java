package dev.bosun.agent;

import dev.bosun.domain.TranscriptKind;

/** What an agent did, as parsed from its output. */
public sealed interface AgentEvent {
    /** Something the agent said or did; {@code activity}, when not null, is its new one-line status. */
    record Output(TranscriptKind kind, String text, String activity) implements AgentEvent {}

    /** The provider's own conversation id, for resuming later. */
    record ConversationRef(String ref) implements AgentEvent {}

    /** What one turn used, as the CLI reports it ({@code costUsd} 0 when it does not say). */
    record Usage(long tokens, double costUsd) implements AgentEvent {}

    /** The agent finished a turn and waits for input (a long-lived agent); {@code failed} if the turn failed. */
    record TurnEnded(boolean failed) implements AgentEvent {}

    /** The agent's process ended. {@code summary} is its last result, or what went wrong. */
    record Exited(boolean success, String summary) implements AgentEvent {}

    /** The connection to the agent's host was lost: it may still run there, out of reach. */
    record Lost(String why) implements AgentEvent {}
}
