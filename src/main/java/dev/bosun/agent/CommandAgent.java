package dev.bosun.agent;

import dev.bosun.domain.AgentKind;
import dev.bosun.domain.TranscriptKind;
import dev.bosun.exec.Command;
import dev.bosun.exec.Executor;
import dev.bosun.exec.Running;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Any command-line program as an agent. The prompt goes where the template has {@code {prompt}} (inside an argument,
 * never through a shell), or on stdin when no word has it. Each output line is a transcript entry; the exit code says
 * whether it succeeded, and its last lines are its result. It reads no further input, so messages to it are delivered
 * by the engine as a restart.
 */
public final class CommandAgent implements AgentProvider {
    static final String PROMPT = "{prompt}";
    private static final int SUMMARY_LINES = 5;

    private final List<String> template;
    private final Duration timeout;

    public CommandAgent(List<String> template, Duration timeout) {
        if (template.isEmpty()) {
            throw new IllegalArgumentException("a command agent needs a program");
        }
        this.template = List.copyOf(template);
        this.timeout = timeout;
    }

    @Override
    public AgentKind kind() {
        return AgentKind.COMMAND;
    }

    @Override
    public boolean canResume() {
        return false;
    }

    @Override
    public AgentRun start(AgentLaunch launch, AgentListener listener) throws AgentStartException {
        Executor executor = launch.on();
        Programs.requireInstalled(executor, template.get(0), "");
        boolean inArgs = template.stream().anyMatch(w -> w.contains(PROMPT));
        List<String> argv = new ArrayList<>();
        for (String word : template) {
            argv.add(word.replace(PROMPT, launch.prompt()));
        }
        Command command = new Command(argv, launch.workDir() == null ? null : launch.workDir().toString(), Map.of(
                LeftBehind.SESSION_VARIABLE, launch.sessionId()), inArgs ? null : launch.prompt(), timeout).asAgent()
                // the files the operator's template names (its script): readable in a sandbox; never the prompt's
                .reading(template.stream().filter(w -> w.startsWith("/") && !w.contains(PROMPT)).toList());
        Deque<String> tail = new ArrayDeque<>();
        Running running;
        try {
            running = executor.start(command, false, line -> {
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > SUMMARY_LINES) {
                        tail.removeFirst();
                    }
                }
                listener.on(new AgentEvent.Output(TranscriptKind.TEXT, line, line.isBlank() ? null : clip(line)));
            }, line -> listener.on(new AgentEvent.Output(TranscriptKind.ERROR, line, null)));
        } catch (IOException e) {
            throw new AgentStartException("cannot run " + template.get(0) + ": " + e.getMessage(), e);
        }
        ProcessRun.reportExit(running, listener, template.get(0), () -> {
            synchronized (tail) {
                return String.join("\n", tail).strip();
            }
        }, () -> false);
        return ProcessRun.oneShot(running);
    }

    private static String clip(String line) {
        return line.length() <= 160 ? line : line.substring(0, 159) + "…";
    }
}
