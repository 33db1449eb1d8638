package dev.bosun.agent;

import dev.bosun.domain.AgentKind;
import dev.bosun.domain.TranscriptKind;
import dev.bosun.exec.Command;
import dev.bosun.exec.Executor;
import dev.bosun.exec.Running;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Codex as {@code codex exec --json}: one turn per process, the prompt on stdin. It reads no further input, so a
 * message to it is delivered by the engine as a restart that resumes the thread ({@code codex exec resume <id>}).
 * With a {@link dev.bosun.domain.ToolEndpoint} it gets Bosun's server through {@code -c mcp_servers.bosun.*} with the
 * token in an environment variable, and the server's tools approved (they are only this role's tools).
 */
public final class CodexAgent implements AgentProvider {
    static final String TOKEN_VARIABLE = "BOSUN_MCP_TOKEN";

    private final String binary;
    private final String sandbox;
    private final List<String> extraArgs;
    private final Map<String, String> env;

    /**
     * @param sandbox Codex's sandbox for the commands it runs; {@code workspace-write} lets it work in its checkout
     * @param extraArgs further flags (a model provider, for example), each one argv word
     */
    public CodexAgent(String binary, String sandbox, List<String> extraArgs, Map<String, String> env) {
        this.binary = binary;
        this.sandbox = sandbox;
        this.extraArgs = List.copyOf(extraArgs);
        this.env = Map.copyOf(env);
    }

    @Override
    public AgentKind kind() {
        return AgentKind.CODEX;
    }

    @Override
    public boolean canResume() {
        return true;
    }

    @Override
    public AgentRun start(AgentLaunch launch, AgentListener listener) throws AgentStartException {
        Executor executor = launch.on();
        Programs.requireInstalled(executor, binary, " Install Codex (npm install -g @openai/codex) or set "
                + "BOSUN_CODEX to its path.");
        // in Bosun's sandbox, where the kernel allows no sandbox inside (as root), Codex's own cannot run a command:
        // Bosun's holds it to its checkout instead
        String mode = launch.on().nestedSandboxes() ? sandbox : "danger-full-access";
        List<String> argv = new ArrayList<>(List.of(binary, "exec", "--json", "--sandbox", mode));
        Map<String, String> processEnv = new HashMap<>(env);
        processEnv.put(LeftBehind.SESSION_VARIABLE, launch.sessionId());
        if (launch.tools() != null) {
            argv.addAll(List.of("-c", "mcp_servers.bosun.url=\"" + launch.tools().url() + "\"",
                    "-c", "mcp_servers.bosun.bearer_token_env_var=\"" + TOKEN_VARIABLE + "\"",
                    "-c", "mcp_servers.bosun.default_tools_approval_mode=\"approve\""));
            processEnv.put(TOKEN_VARIABLE, launch.tools().token());
        }
        argv.addAll(extraArgs);
        if (launch.resumeRef() != null) {
            argv.addAll(List.of("resume", launch.resumeRef()));
        }
        argv.add("-"); // the prompt comes on stdin: no length limit, never in a process listing
        CodexJsonParser parser = new CodexJsonParser();
        Running running;
        try {
            running = executor.start(new Command(argv, launch.workDir() == null ? null : launch.workDir().toString(),
                    processEnv, launch.prompt(), Duration.ofDays(1)).asAgent(), false,
                    line -> parser.parse(line).forEach(listener::on),
                    line -> listener.on(new AgentEvent.Output(TranscriptKind.STATUS, line, null))); // its log
        } catch (IOException e) {
            throw new AgentStartException("cannot run " + binary + ": " + e.getMessage(), e);
        }
        ProcessRun.reportExit(running, listener, "Codex", parser::lastResult, parser::lastTurnFailed);
        return ProcessRun.oneShot(running);
    }
}
