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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The simulation's agents: a provider whose runs do nothing by themselves. The simulation drives them (what a run says,
 * which tools it calls, when it ends its turn, exits, crashes or hangs) and reads back everything each run was told,
 * so the oracles can check what reached which agent.
 */
final class SimAgents implements AgentProvider {
    private final AgentKind kind;
    private final boolean interactive;
    /** Every run ever started, in start order; a run stays here after it ended. */
    final List<SimRun> runs = new CopyOnWriteArrayList<>();
    /** Decides, for a launch, that its start fails (a missing CLI, a target that refuses it). */
    volatile Predicate<AgentLaunch> failStart = l -> false;

    SimAgents(AgentKind kind, boolean interactive) {
        this.kind = kind;
        this.interactive = interactive;
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
        if (failStart.test(launch)) {
            throw new AgentStartException("simulated: the agent CLI would not start");
        }
        SimRun run = new SimRun(launch, listener);
        runs.add(run);
        listener.on(new AgentEvent.ConversationRef("conv-" + launch.sessionId()));
        return run;
    }

    /** One agent process. Its engine (the listener's) may be gone after a simulated crash: then it is orphaned. */
    final class SimRun implements AgentRun {
        final AgentLaunch launch;
        private final AgentListener listener;
        /** The messages written to its input, after its start prompt. */
        final List<String> received = new CopyOnWriteArrayList<>();
        volatile boolean alive = true;
        volatile boolean inputClosed;
        /** Its Bosun crashed: nothing it does reaches an engine any more (a left-running process). */
        volatile boolean orphaned;

        SimRun(AgentLaunch launch, AgentListener listener) {
            this.launch = launch;
            this.listener = listener;
        }

        String sessionId() {
            return launch.sessionId();
        }

        AgentKind kind() {
            return kind;
        }

        @Override
        public boolean interactive() {
            return interactive;
        }

        @Override
        public java.util.concurrent.CompletableFuture<Boolean> send(String message) {
            if (!alive || inputClosed) {
                return java.util.concurrent.CompletableFuture.completedFuture(false);
            }
            received.add(message);
            return java.util.concurrent.CompletableFuture.completedFuture(true);
        }

        /** A stream-json agent whose input closes ends its turn and exits cleanly. */
        @Override
        public void finish() {
            if (interactive) {
                exit(true, "input closed");
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

        void emit(AgentEvent event) {
            if (alive && !orphaned) {
                listener.on(event);
            }
        }

        void say(String text) {
            emit(new AgentEvent.Output(TranscriptKind.TEXT, text, text));
        }

        void exit(boolean success, String summary) {
            if (alive) {
                alive = false;
                if (!orphaned) {
                    listener.on(new AgentEvent.Exited(success, summary));
                }
            }
        }

        /** Everything this run was told: its start prompt, then its input. */
        List<String> told() {
            List<String> all = new java.util.ArrayList<>();
            all.add(launch.prompt());
            all.addAll(received);
            return all;
        }
    }
}
