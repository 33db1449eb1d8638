package dev.bosun.app;

import dev.bosun.agent.ClaudeCodeAgent;
import dev.bosun.agent.CodexAgent;
import dev.bosun.agent.CommandAgent;
import dev.bosun.agent.JavaProgram;
import dev.bosun.agent.demo.DemoAgent;
import dev.bosun.domain.AgentKind;
import dev.bosun.engine.AgentProviders;
import dev.bosun.engine.TargetDoctor;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Map;

/**
 * How this Bosun runs agents: where the CLIs are and what extra environment they get (for example a model endpoint,
 * or a config folder of their own). A CLI that is not installed is reported on the session that needs it, when it
 * starts, with what to install. The offline demo agent always works; it is the default when Claude Code is not
 * found, so a new user sees the whole flow at once.
 */
public record AgentSetup(String claudeBinary, String claudePermissionMode, String codexBinary, List<String> codexArgs,
        List<String> commandTemplate, Map<String, String> env, Map<String, String> gitEnv) {
    public AgentSetup {
        codexArgs = List.copyOf(codexArgs);
        commandTemplate = List.copyOf(commandTemplate);
        env = Map.copyOf(env);
        gitEnv = Map.copyOf(gitEnv);
    }

    /**
     * The CLIs on PATH, with the user's own environment. {@code BOSUN_CLAUDE} and {@code BOSUN_CODEX} name other
     * binaries; {@code BOSUN_CLAUDE_PERMISSION_MODE} sets Claude Code's permission mode (default {@code acceptEdits});
     * {@code BOSUN_COMMAND_AGENT} is a command line for the command agent, with {@code {prompt}} where the prompt goes
     * (else it reads the prompt on stdin), e.g. {@code aider --yes --message {prompt}}.
     */
    public static AgentSetup fromEnvironment() {
        Map<String, String> e = System.getenv();
        String command = e.getOrDefault("BOSUN_COMMAND_AGENT", "").strip();
        return new AgentSetup(e.getOrDefault("BOSUN_CLAUDE", "claude"),
                e.getOrDefault("BOSUN_CLAUDE_PERMISSION_MODE", ClaudeCodeAgent.Permissions.DEFAULTS.mode()),
                e.getOrDefault("BOSUN_CODEX", "codex"), List.of(),
                command.isEmpty() ? List.of() : List.of(command.split("\\s+")), Map.of(), Map.of());
    }

    /** Claude Code and the demo agent, with this environment (tests). */
    public static AgentSetup claude(String claudeBinary, Map<String, String> env, Map<String, String> gitEnv) {
        return new AgentSetup(claudeBinary, ClaudeCodeAgent.Permissions.DEFAULTS.mode(), "codex", List.of(),
                List.of(), env, gitEnv);
    }

    AgentProviders providers() {
        // the demo agent is this same program in a small JVM of its own, started the way Claude Code is
        JavaProgram demo = new JavaProgram(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx96m",
                "-Dlogback.configurationFile=dev/bosun/agent/demo/logback-demo.xml"), DemoAgent.class.getName(),
                Arrays.stream(absoluteClassPath().split(File.pathSeparator)).map(Path::of).toList());
        ClaudeCodeAgent.Permissions defaults = ClaudeCodeAgent.Permissions.DEFAULTS;
        AgentProviders providers = new AgentProviders()
                .register(new ClaudeCodeAgent(claudeBinary, List.of(), env, new ClaudeCodeAgent.Permissions(
                        claudePermissionMode, defaults.workerTools(), defaults.managerTools())))
                .register(new CodexAgent(codexBinary, "workspace-write", codexArgs, env))
                .register(new ClaudeCodeAgent(AgentKind.DEMO, demo::argvOn, List.of(), env,
                        ClaudeCodeAgent.Permissions.DEFAULTS))
                .preferring(installed(claudeBinary) ? AgentKind.CLAUDE : AgentKind.DEMO)
                .running(new TargetDoctor.Programs(claudeBinary, codexBinary, "java"));
        if (!installed(claudeBinary)) {
            providers.markMissing(AgentKind.CLAUDE, "Claude Code is not installed here (" + claudeBinary + " is not on "
                    + "PATH). Install it (npm install -g @anthropic-ai/claude-code) and restart Bosun, or choose "
                    + "another agent.");
        }
        if (!installed(codexBinary)) {
            providers.markMissing(AgentKind.CODEX, "Codex is not installed here (" + codexBinary + " is not on PATH). "
                    + "Install it (npm install -g @openai/codex) and restart Bosun, or choose another agent.");
        }
        if (!commandTemplate.isEmpty()) {
            providers.register(new CommandAgent(commandTemplate, Duration.ofHours(12)));
        }
        return providers;
    }

    /** This JVM's class path with every entry absolute: the demo agent runs in a checkout, not in our folder. */
    static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
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
