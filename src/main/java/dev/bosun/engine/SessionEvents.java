package dev.bosun.engine;

import dev.bosun.agent.AgentEvent;
import dev.bosun.agent.AgentListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One session's agent events on their way to the engine thread. Output lines are gathered and stored together: one
 * engine task and one transaction per session for the lines that arrived since the last (under a flood, up to
 * {@link #MAX_BATCH} of what came while the engine was busy), not one each. When the engine falls behind by {@link #MAX_PENDING_LINES}
 * lines or {@link #MAX_PENDING_CHARS} characters, the agent's reader waits (the pipe fills, the agent blocks on its
 * next write) instead of heaping tasks on the engine. Any other event first stores the lines before it, so the order
 * stays the agent's.
 */
final class SessionEvents implements AgentListener {
    static final int MAX_PENDING_LINES = 20_000;
    static final int MAX_PENDING_CHARS = 2 * 1024 * 1024;
    static final int MAX_BATCH = 1_000;

    private final Engine engine;
    private final String sessionId;
    private final BiConsumer<String, List<AgentEvent.Output>> store;
    private final BiConsumer<String, AgentEvent> handle;
    private List<AgentEvent.Output> pending = new ArrayList<>();
    private long pendingChars;
    private boolean flushQueued;

    /**
     * @param store stores a batch of output lines (engine thread)
     * @param handle handles any other event (engine thread)
     */
    SessionEvents(Engine engine, String sessionId, BiConsumer<String, List<AgentEvent.Output>> store,
            BiConsumer<String, AgentEvent> handle) {
        this.engine = engine;
        this.sessionId = sessionId;
        this.store = store;
        this.handle = handle;
    }

    @Override
    public void on(AgentEvent event) {
        if (!(event instanceof AgentEvent.Output line)) {
            engine.onEngine(() -> {
                while (flush()) {
                    // every line before it first, in order
                }
                handle.accept(sessionId, event);
                return null;
            });
            return;
        }
        boolean queue;
        synchronized (this) {
            // the engine thread itself never waits for the engine thread
            while ((pending.size() >= MAX_PENDING_LINES || pendingChars >= MAX_PENDING_CHARS)
                    && !engine.isEngineThread()) {
                try {
                    wait(1000); // and look again: a flush refused at shutdown never wakes us
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (engine.isShutDown()) {
                    return;
                }
            }
            pending.add(line);
            pendingChars += line.text().length();
            queue = !flushQueued;
            flushQueued = true;
        }
        if (queue) {
            queueFlush();
        }
    }

    private void queueFlush() {
        engine.onEngine(() -> {
            if (flush()) {
                queueFlush(); // behind what was queued meanwhile
            }
            return null;
        });
    }

    /**
     * Stores what is pending (engine thread), at most {@link #MAX_BATCH} lines; true when more is left, for a task of
     * its own behind whatever was queued meanwhile (an operator's call waits for one batch, not for a flood).
     */
    private boolean flush() {
        engine.assertEngineThread();
        List<AgentEvent.Output> batch;
        boolean more;
        synchronized (this) {
            if (pending.size() <= MAX_BATCH) {
                batch = pending;
                pending = new ArrayList<>();
            } else {
                batch = new ArrayList<>(pending.subList(0, MAX_BATCH));
                pending = new ArrayList<>(pending.subList(MAX_BATCH, pending.size()));
            }
            pendingChars = 0;
            for (AgentEvent.Output o : pending) {
                pendingChars += o.text().length();
            }
            more = !pending.isEmpty();
            flushQueued = more;
            notifyAll();
        }
        if (!batch.isEmpty()) {
            store.accept(sessionId, batch);
        }
        return more;
    }
}
