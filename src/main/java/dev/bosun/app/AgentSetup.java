package dev.bosun.app;

import dev.bosun.agent.ClaudeCodeAgent;
import dev.bosun.exec.LocalExecutor;
import dev.bosun.engine.AgentProviders;
import java.util.List;
import java.util.Map;

/**
 * How this Bosun runs agent CLIs: where they are and what extra environment they get (for example a model endpoint,
 * or a config folder of their own). A CLI that is not installed is reported on the session that needs it, when it
 * starts, with what to install.
 */
public record AgentSetup(String claudeBinary, Map<String, String> env, Map<String, String> gitEnv) {
    public AgentSetup {
        env = Map.copyOf(env);
        gitEnv = Map.copyOf(gitEnv);
    }

    /** The CLIs on PATH ({@code BOSUN_CLAUDE} names another Claude Code binary), with the user's own environment. */
    public static AgentSetup fromEnvironment() {
        return new AgentSetup(System.getenv().getOrDefault("BOSUN_CLAUDE", "claude"), Map.of(), Map.of());
    }

    AgentProviders providers() {
        return new AgentProviders().register(new ClaudeCodeAgent(new LocalExecutor(), claudeBinary, List.of(), env));
    }
}
