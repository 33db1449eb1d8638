package dev.bosun.engine;

import dev.bosun.agent.AgentEvent;
import dev.bosun.agent.AgentLaunch;
import dev.bosun.agent.AgentListener;
import dev.bosun.agent.AgentProvider;
import dev.bosun.agent.AgentRun;
import dev.bosun.agent.AgentStartException;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.TranscriptKind;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An in-process agent provider that tests script: every start is recorded, and the test makes the agent speak, ask,
 * exit or fail. Interactive agents record the messages they receive; cancel ends the run like a killed process.
 */
final class ScriptedAgents implements AgentProvider {
    private final AgentKind kind;
    private final boolean interactive;
    private final boolean resumable;
    final List<AgentLaunch> launches = new CopyOnWriteArrayList<>();
    final Map<String, Run> runs = new ConcurrentHashMap<>();
    volatile String failStartsWith;
    volatile CountDownLatch holdStarts;

    ScriptedAgents(AgentKind kind, boolean interactive, boolean resumable) {
        this.kind = kind;
        this.interactive = interactive;
        this.resumable = resumable;
    }

    @Override
    public AgentKind kind() {
        return kind;
    }

    @Override
    public boolean canResume() {
        return resumable;
    }

    @Override
    public AgentRun start(AgentLaunch launch, AgentListener listener) throws AgentStartException {
        launches.add(launch);
        CountDownLatch hold = holdStarts;
        if (hold != null) {
            try {
                hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failStartsWith != null) {
            throw new AgentStartException(failStartsWith);
        }
        Run run = new Run(launch, listener);
        runs.put(launch.sessionId(), run);
        if (resumable) {
            listener.on(new AgentEvent.ConversationRef("conv-" + launch.sessionId()));
        }
        return run;
    }

    long startsOf(String sessionId) {
        return launches.stream().filter(l -> l.sessionId().equals(sessionId)).count();
    }

    AgentLaunch lastLaunchOf(String sessionId) {
        return launches.stream().filter(l -> l.sessionId().equals(sessionId)).reduce((a, b) -> b).orElseThrow();
    }

    final class Run implements AgentRun {
        final AgentLaunch launch;
        final AgentListener listener;
        final List<String> received = new CopyOnWriteArrayList<>();
        private volatile boolean alive = true;
        volatile boolean finished;

        Run(AgentLaunch launch, AgentListener listener) {
            this.launch = launch;
            this.listener = listener;
        }

        @Override
        public boolean interactive() {
            return interactive;
        }

        /** True: its input is closed, so writes to it fail. */
        volatile boolean inputClosed;

        /**
         * True: it is not reading its input, so each write waits in {@link #held}, in order, until the test completes
         * it (true: the agent read it; false: it was refused).
         */
        volatile boolean holdInput;
        final List<java.util.concurrent.CompletableFuture<Boolean>> held = new CopyOnWriteArrayList<>();

        @Override
        public java.util.concurrent.CompletableFuture<Boolean> send(String message) {
            if (inputClosed) {
                return java.util.concurrent.CompletableFuture.completedFuture(false);
            }
            if (holdInput) {
                var write = new java.util.concurrent.CompletableFuture<Boolean>();
                held.add(write);
                return write.thenApply(done -> {
                    if (done) {
                        received.add(message);
                    }
                    return done;
                });
            }
            received.add(message);
            return java.util.concurrent.CompletableFuture.completedFuture(true);
        }

        /** Like a stream-json agent whose input closes: it ends its turn and exits cleanly. */
        @Override
        public void finish() {
            if (interactive) {
                finished = true;
                exit(true, "finished");
            }
        }

        @Override
        public void cancel() {
            exit(false, "killed");
        }

        @Override
        public boolean alive() {
            return alive;
        }

        void usage(long tokens, double costUsd) {
            listener.on(new AgentEvent.Usage(tokens, costUsd));
        }

        void say(String text) {
            listener.on(new AgentEvent.Output(TranscriptKind.TEXT, text, text));
        }

        void exit(boolean success, String summary) {
            if (alive) {
                alive = false;
                listener.on(new AgentEvent.Exited(success, summary));
            }
        }

        /** An exit reported although the run was already killed: a late completion. */
        void lateExit(boolean success, String summary) {
            listener.on(new AgentEvent.Exited(success, summary));
        }
    }
}
