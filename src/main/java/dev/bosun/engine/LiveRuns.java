package dev.bosun.engine;

import dev.bosun.agent.AgentRun;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The in-memory half of "is it live?": the agent processes running now, and the starts under way. The database says
 * what a session's status is; this says whether a process is behind it. Engine thread only.
 */
final class LiveRuns {
    private final Map<String, AgentRun> runs = new HashMap<>();
    private final Set<String> starting = new HashSet<>();
    private final Set<String> restarting = new HashSet<>();
    private final Map<String, Integer> toolCalls = new HashMap<>();

    boolean isStarting(String sessionId) {
        return starting.contains(sessionId);
    }

    int startsInFlight() {
        return starting.size();
    }

    void startBegins(String sessionId) {
        starting.add(sessionId);
    }

    void startEnds(String sessionId, AgentRun run) {
        starting.remove(sessionId);
        if (run != null) {
            runs.put(sessionId, run);
        }
    }

    java.util.List<AgentRun> all() {
        return java.util.List.copyOf(runs.values());
    }

    Optional<AgentRun> get(String sessionId) {
        return Optional.ofNullable(runs.get(sessionId));
    }

    /** True if a process runs for the session or one is being started. */
    boolean isLive(String sessionId) {
        return runs.containsKey(sessionId) || starting.contains(sessionId);
    }

    /** Ends the session's input, if it has a live process, so its agent finishes its turn and exits. */
    void finish(String sessionId) {
        get(sessionId).ifPresent(AgentRun::finish);
    }

    /** Stops the session's process, if any. */
    void stop(String sessionId) {
        get(sessionId).ifPresent(AgentRun::cancel);
    }

    void remove(String sessionId) {
        runs.remove(sessionId);
    }

    /** The next exit of this session's process is a restart (to deliver a message), not its end. */
    void requestRestart(String sessionId) {
        restarting.add(sessionId);
    }

    boolean takeRestart(String sessionId) {
        return restarting.remove(sessionId);
    }

    /** A tool call of the session's agent is under way (a {@code publish_pr} may take minutes with no output). */
    void toolCallBegins(String sessionId) {
        toolCalls.merge(sessionId, 1, Integer::sum);
    }

    void toolCallEnds(String sessionId) {
        toolCalls.computeIfPresent(sessionId, (id, n) -> n == 1 ? null : n - 1);
    }

    /** True while the session's agent waits on one of its tool calls: it is busy, not quiet. */
    boolean inToolCall(String sessionId) {
        return toolCalls.containsKey(sessionId);
    }

    int size() {
        return runs.size();
    }
}
