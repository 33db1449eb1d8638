package dev.bosun.agent;

import dev.bosun.domain.ToolEndpoint;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.SessionMode;
import dev.bosun.domain.SessionRole;
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
 *
 * <p>With a {@link ToolEndpoint} it gets {@code --mcp-config} for Bosun's server (URL and bearer token) and one
 * {@code --allowedTools=} word naming exactly its role's Bosun tools plus the built-in tools the {@link Permissions}
 * allow that role; everything else needs an approval that a {@code -p} run cannot get, so it is refused.
 */
public final class ClaudeCodeAgent implements AgentProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN_VARIABLE = "BOSUN_MCP_TOKEN";

    private final AgentKind kind;
    private final Program program;
    private final List<String> extraArgs;
    private final Map<String, String> env;
    private final Permissions permissions;

    /**
     * What Claude Code may do without asking. The default mode, {@code acceptEdits}, lets it edit files in its own
     * checkout; a worker may also run commands (it builds, tests and commits), a manager only reads.
     */
    public record Permissions(String mode, List<String> workerTools, List<String> managerTools) {
        public static final Permissions DEFAULTS = new Permissions("acceptEdits",
                List.of("Bash", "Read", "Edit", "Write", "Glob", "Grep"), List.of("Read", "Glob", "Grep"));

        public Permissions {
            workerTools = List.copyOf(workerTools);
            managerTools = List.copyOf(managerTools);
        }
    }

    /**
     * @param extraArgs further flags — each one argv word
     * @param env environment for the CLI (e.g. its config folder, an API base URL)
     */
    public ClaudeCodeAgent(String binary, List<String> extraArgs, Map<String, String> env) {
        this(binary, extraArgs, env, Permissions.DEFAULTS);
    }

    public ClaudeCodeAgent(String binary, List<String> extraArgs, Map<String, String> env, Permissions permissions) {
        this(AgentKind.CLAUDE, List.of(binary), extraArgs, env, permissions);
    }

    /** The command that starts the agent on a target, each argv word. */
    @FunctionalInterface
    public interface Program {
        List<String> argvOn(Executor on) throws AgentStartException;
    }

    /**
     * Another program that speaks Claude Code's stream-json protocol and takes its flags (Bosun's demo agent).
     * @param program the command that starts it, each argv word
     */
    public ClaudeCodeAgent(AgentKind kind, List<String> program, List<String> extraArgs, Map<String, String> env,
            Permissions permissions) {
        this(kind, on -> {
            Programs.requireInstalled(on, program.get(0), kind == AgentKind.CLAUDE ? " Install Claude Code (npm "
                    + "install -g @anthropic-ai/claude-code) or set BOSUN_CLAUDE to its path." : "");
            return program;
        }, extraArgs, env, permissions);
    }

    /** As above, with a command made for each target (the demo agent: Bosun's own jars, copied to a host). */
    public ClaudeCodeAgent(AgentKind kind, Program program, List<String> extraArgs, Map<String, String> env,
            Permissions permissions) {
        this.kind = kind;
        this.program = program;
        this.extraArgs = List.copyOf(extraArgs);
        this.env = Map.copyOf(env);
        this.permissions = permissions;
    }

    @Override
    public AgentKind kind() {
        return kind;
    }

    @Override
    public boolean canResume() {
        return true;
    }

    @Override
    public AgentRun start(AgentLaunch launch, AgentListener listener) throws AgentStartException {
        Executor executor = launch.on();
        List<String> argv = new ArrayList<>(program.argvOn(executor));
        String binary = argv.get(0);
        argv.addAll(List.of("-p", "--input-format", "stream-json", "--output-format", "stream-json", "--verbose"));
        if (launch.resumeRef() != null) {
            argv.addAll(List.of("--resume", launch.resumeRef()));
        }
        argv.addAll(List.of("--permission-mode", permissions.mode()));
        if (launch.tools() != null) {
            argv.addAll(List.of("--mcp-config", mcpConfig(launch.tools())));
            List<String> allowed = new ArrayList<>(launch.role() == SessionRole.MANAGER ? permissions.managerTools()
                    : permissions.workerTools());
            launch.tools().toolNames().forEach(t -> allowed.add("mcp__" + ToolEndpoint.SERVER + "__" + t));
            argv.add("--allowedTools=" + String.join(",", allowed));
        }
        argv.addAll(extraArgs);
        Map<String, String> processEnv = new java.util.HashMap<>(env);
        processEnv.put(LeftBehind.SESSION_VARIABLE, launch.sessionId());
        if (launch.tools() != null) {
            processEnv.put(TOKEN_VARIABLE, launch.tools().token());
        }
        boolean interactive = launch.mode() == SessionMode.INTERACTIVE;
        ClaudeStreamParser parser = new ClaudeStreamParser();
        Running running;
        try {
            running = executor.start(new Command(argv, launch.workDir() == null ? null : launch.workDir().toString(),
                    processEnv, userLine(launch.prompt()) + "\n", Duration.ofDays(7)).asAgent(), interactive,
                    line -> parser.parse(line).forEach(listener::on),
                    line -> listener.on(new AgentEvent.Output(TranscriptKind.ERROR, line, null)));
        } catch (IOException e) {
            throw new AgentStartException("cannot run " + binary + ": " + e.getMessage(), e);
        }
        ProcessRun.reportExit(running, listener, kind.label(), parser::lastResult, parser::lastTurnFailed);
        return interactive ? ProcessRun.interactive(running, ClaudeCodeAgent::userLine, listener, kind.label())
                : ProcessRun.oneShot(running);
    }

    /** The {@code --mcp-config} JSON: Bosun's server over HTTP with this session's bearer token. */
    static String mcpConfig(ToolEndpoint tools) {
        ObjectNode config = JSON.createObjectNode();
        ObjectNode server = config.putObject("mcpServers").putObject(ToolEndpoint.SERVER);
        server.put("type", "http");
        server.put("url", tools.url());
        // the token itself travels in the environment, so it never shows in a process listing
        server.putObject("headers").put("Authorization", "Bearer ${" + TOKEN_VARIABLE + "}");
        return config.toString();
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
