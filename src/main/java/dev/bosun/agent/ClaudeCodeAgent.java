package dev.bosun.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.SessionMode;
import dev.bosun.domain.TranscriptKind;
import dev.bosun.exec.Command;
import dev.bosun.exec.Executor;
import dev.bosun.exec.Running;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Claude Code as a long-lived {@code claude -p --input-format stream-json --output-format stream-json --verbose}
 * process. Every message (the prompt, pokes, answers, notices) is one stream-json user line on its stdin; a
 * non-interactive session gets its prompt and then end of input, so it finishes its turn and exits. The conversation id
 * from {@code system/init} is kept, and a later start with it passes {@code --resume}.
 */
public final class ClaudeCodeAgent implements AgentProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Executor executor;
    private final String binary;
    private final List<String> extraArgs;
    private final Map<String, String> env;

    /**
     * @param extraArgs further flags (permission mode, MCP config, allowed tools) — each one argv word
     * @param env environment for the CLI (e.g. its config folder, an API base URL)
     */
    public ClaudeCodeAgent(Executor executor, String binary, List<String> extraArgs, Map<String, String> env) {
        this.executor = executor;
        this.binary = binary;
        this.extraArgs = List.copyOf(extraArgs);
        this.env = Map.copyOf(env);
    }

    @Override
    public AgentKind kind() {
        return AgentKind.CLAUDE;
    }

    @Override
    public boolean canResume() {
        return true;
    }

    @Override
    public AgentRun start(AgentLaunch launch, AgentListener listener) throws AgentStartException {
        Programs.requireInstalled(executor, binary,
                " Install Claude Code (npm install -g @anthropic-ai/claude-code) or set its path.");
        List<String> argv = new ArrayList<>(List.of(binary, "-p", "--input-format", "stream-json",
                "--output-format", "stream-json", "--verbose"));
        if (launch.resumeRef() != null) {
            argv.addAll(List.of("--resume", launch.resumeRef()));
        }
        argv.addAll(extraArgs);
        boolean interactive = launch.mode() == SessionMode.INTERACTIVE;
        ClaudeStreamParser parser = new ClaudeStreamParser();
        Running running;
        try {
            running = executor.start(new Command(argv, launch.workDir() == null ? null : launch.workDir().toString(),
                    env, userLine(launch.prompt()) + "\n", Duration.ofDays(7)), interactive,
                    line -> parser.parse(line).forEach(listener::on),
                    line -> listener.on(new AgentEvent.Output(TranscriptKind.ERROR, line, null)));
        } catch (IOException e) {
            throw new AgentStartException("cannot run " + binary + ": " + e.getMessage(), e);
        }
        ProcessRun.reportExit(running, listener, "claude", parser::lastResult, parser::lastTurnFailed);
        Running input = running;
        return new ProcessRun(running, interactive, message -> {
            try {
                input.write(userLine(message));
            } catch (IOException e) {
                listener.on(new AgentEvent.Output(TranscriptKind.ERROR, "could not write to claude: " + e.getMessage(),
                        null));
            }
        });
    }

    /** One user message as a stream-json input line. */
    static String userLine(String text) {
        ObjectNode line = JSON.createObjectNode();
        line.put("type", "user");
        ObjectNode message = line.putObject("message");
        message.put("role", "user");
        message.putArray("content").addObject().put("type", "text").put("text", text);
        return line.toString();
    }
}
