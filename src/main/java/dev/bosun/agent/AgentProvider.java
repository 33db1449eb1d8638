package dev.bosun.agent;

import dev.bosun.domain.AgentKind;

/**
 * Runs one kind of agent (Claude Code, Codex, a plain command). {@link #start} is called on an io thread and may
 * block while the process comes up; everything the agent does afterwards arrives as {@link AgentEvent}s on the
 * listener, from the provider's own reader thread, ending with exactly one {@link AgentEvent.Exited}.
 */
public interface AgentProvider {
    AgentKind kind();

    /** True if a later start with {@link AgentLaunch#resumeRef()} continues the earlier conversation. */
    boolean canResume();

    AgentRun start(AgentLaunch launch, AgentListener listener) throws AgentStartException;
}
