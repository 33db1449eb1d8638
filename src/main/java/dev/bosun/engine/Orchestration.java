package dev.bosun.engine;

import dev.bosun.domain.SupervisorPolicy;
import dev.bosun.domain.SupervisorSettings;
import dev.bosun.store.Database;

/**
 * The running engine, assembled: live runs, steering, the session runner, the supervisor, the scheduler and the
 * operations that the UI and tools call. {@link #start()} recovers what a crash left and starts the loop.
 */
public final class Orchestration {
    private final LiveRuns runs = new LiveRuns();
    private final Steering steering;
    private final SessionRunner runner;
    private final Supervisor supervisor;
    private final Scheduler scheduler;
    private final Operations operations;

    public Orchestration(Engine engine, Database db, AgentProviders providers, SupervisorSettings supervision,
            Scheduler.Settings scheduling) {
        Runnable wake = this::wake;
        steering = new Steering(db, runs);
        runner = new SessionRunner(engine, db, providers, runs, steering, wake);
        supervisor = new Supervisor(db, new SupervisorPolicy(supervision), steering, engine.clock(), wake);
        Recovery recovery = new Recovery(db, runs, providers, engine.clock());
        scheduler = new Scheduler(engine, db, runs, runner, supervisor, recovery, scheduling);
        operations = new Operations(engine, db, steering, runner, supervisor, wake);
    }

    private void wake() {
        scheduler.wake();
    }

    public void start() {
        scheduler.start();
    }

    public Operations operations() {
        return operations;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    Supervisor supervisor() {
        return supervisor;
    }

    Steering steering() {
        return steering;
    }

    LiveRuns runs() {
        return runs;
    }
}
