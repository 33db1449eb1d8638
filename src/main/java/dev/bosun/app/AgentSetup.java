package dev.bosun.app;

import dev.bosun.agent.ClaudeCodeAgent;
import dev.bosun.agent.CodexAgent;
import dev.bosun.agent.demo.DemoAgent;
import dev.bosun.domain.AgentKind;
import dev.bosun.engine.AgentProviders;
import dev.bosun.exec.LocalExecutor;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How this Bosun runs agents: where the CLIs are and what extra environment they get (for example a model endpoint,
 * or a config folder of their own). A CLI that is not installed is reported on the session that needs it, when it
 * starts, with what to install. The offline demo agent always works; it is the default when Claude Code is not
 * found, so a new user sees the whole flow at once.
 */
public record AgentSetup(String claudeBinary, String codexBinary, List<String> codexArgs, Map<String, String> env,
        Map<String, String> gitEnv) {
    public AgentSetup {
        codexArgs = List.copyOf(codexArgs);
        env = Map.copyOf(env);
        gitEnv = Map.copyOf(gitEnv);
    }

    /**
     * The CLIs on PATH ({@code BOSUN_CLAUDE} and {@code BOSUN_CODEX} name other binaries), with the user's own
     * environment.
     */
    public static AgentSetup fromEnvironment() {
        return new AgentSetup(System.getenv().getOrDefault("BOSUN_CLAUDE", "claude"),
                System.getenv().getOrDefault("BOSUN_CODEX", "codex"), List.of(), Map.of(), Map.of());
    }

    /** Claude Code and the demo agent only, with this environment (tests). */
    public static AgentSetup claude(String claudeBinary, Map<String, String> env, Map<String, String> gitEnv) {
        return new AgentSetup(claudeBinary, "codex", List.of(), env, gitEnv);
    }

    AgentProviders providers() {
        LocalExecutor local = new LocalExecutor();
        // the demo agent is this same program in a small JVM of its own, started the way Claude Code is
        List<String> demo = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx96m", "-cp", System.getProperty("java.class.path"),
                DemoAgent.class.getName());
        return new AgentProviders()
                .register(new ClaudeCodeAgent(local, claudeBinary, List.of(), env))
                .register(new CodexAgent(local, codexBinary, "workspace-write", codexArgs, env))
                .register(new ClaudeCodeAgent(AgentKind.DEMO, local, demo, List.of(), env,
                        ClaudeCodeAgent.Permissions.DEFAULTS))
                .preferring(installed(claudeBinary) ? AgentKind.CLAUDE : AgentKind.DEMO);
    }

    /** Whether {@code program} (a path, or a name looked up on PATH) is an executable file. */
    static boolean installed(String program) {
        if (program.contains(File.separator)) {
            return Files.isExecutable(Path.of(program));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
