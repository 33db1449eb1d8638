package dev.bosun.agent;

import dev.bosun.domain.ToolEndpoint;
import dev.bosun.domain.SessionMode;
import dev.bosun.domain.SessionRole;
import dev.bosun.exec.Executor;
import java.nio.file.Path;

/**
 * What a provider needs to start a session's agent. {@code resumeRef} is the provider's own conversation id when the
 * session should continue where it left off (null for a fresh start); {@code workDir} may be null until the session
 * has a checkout (a path on the target); {@code tools} is null when the agent gets no MCP tools. {@code on} is where the
 * agent runs: the executor of the session's target, this machine or an SSH host, where its checkout is.
 */
public record AgentLaunch(String sessionId, String objectiveId, SessionRole role, SessionMode mode, String prompt,
        String resumeRef, Path workDir, ToolEndpoint tools, Executor on) {
    public AgentLaunch {
        java.util.Objects.requireNonNull(on, "where the agent runs");
    }
}
