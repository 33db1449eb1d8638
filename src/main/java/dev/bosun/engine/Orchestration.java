package dev.bosun.engine;

import dev.bosun.domain.SupervisorPolicy;
import dev.bosun.domain.SupervisorSettings;
import dev.bosun.store.Database;
import dev.bosun.forge.BranchPublisher;
import dev.bosun.forge.Forges;
import dev.bosun.forge.LocalForge;
import dev.bosun.workspace.CheckoutPreparer;
import java.util.Map;

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
    private final AgentOperations agentOperations;
    private final Tunnels tunnels;
    private final PullRequestRefresh prRefresh;
    private final WorkspaceGc gc;
    private final DiskWatch disk;
    private final Engine engine;
    private final java.time.Duration gcEvery;
    private final java.time.Duration prRefreshEvery;

    public Orchestration(Engine engine, Database db, AgentProviders providers, TargetExecutors executors,
            CheckoutPreparer checkouts, SupervisorSettings supervision, Scheduler.Settings scheduling) {
        this(engine, db, providers, executors, checkouts, new BranchPublisher(Map.of()), Forges.localOnly(
                new LocalForge(Map.of(), java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "bosun-forge"))),
                ToolAccess.NONE, supervision, scheduling);
    }

    public Orchestration(Engine engine, Database db, AgentProviders providers, TargetExecutors executors,
            CheckoutPreparer checkouts, BranchPublisher branches, Forges forges, ToolAccess tools,
            SupervisorSettings supervision, Scheduler.Settings scheduling) {
        Runnable wake = this::wake;
        steering = new Steering(db, runs, wake);
        tunnels = new Tunnels(executors);
        runner = new SessionRunner(engine, db, providers, runs, steering,
                new SessionCheckouts(db, executors, checkouts), tools, tunnels, wake);
        gc = new WorkspaceGc(engine, db, executors);
        disk = new DiskWatch(db, executors, gc, scheduling.minFreeDiskMb());
        this.engine = engine;
        this.gcEvery = scheduling.gcEvery();
        supervisor = new Supervisor(db, new SupervisorPolicy(supervision), steering, engine.clock(), wake);
        Recovery recovery = new Recovery(db, runs, providers, engine.clock());
        scheduler = new Scheduler(engine, db, runs, runner, supervisor, recovery, scheduling);
        operations = new Operations(engine, db, steering, runner, supervisor, gc, executors, forges, providers,
                () -> scheduler.lastPass(), wake);
        PullRequestUpdater updater = new PullRequestUpdater(engine, db, executors, branches, forges, operations);
        PullRequestFollowUps followUps = new PullRequestFollowUps(engine, db, operations, updater, providers, wake);
        runner.useFollowUps(followUps::pushWork);
        prRefresh = new PullRequestRefresh(engine, db, forges, operations, followUps);
        operations.useRefresh(prRefresh);
        this.prRefreshEvery = scheduling.prRefreshEvery();
        agentOperations = new AgentOperations(engine, db, steering, operations,
                new PullRequestPublisher(db, executors, branches, forges), updater, providers, wake);
    }

    private void wake() {
        scheduler.wake();
    }

    /** Recovers, starts the scheduler loop, runs the GC at once and every {@code gcEvery}, samples disks. */
    public void start() {
        scheduler.start();
        gc.runNow();
        engine.every(gcEvery, gc::runNow);
        Runnable sampleDisks = () -> engine.onIo(() -> {
            disk.sample();
            return null;
        });
        sampleDisks.run();
        operations.targets().examineAllAtStart();
        engine.every(prRefreshEvery, prRefresh::refreshInBackground);
        engine.every(java.time.Duration.ofMinutes(1), sampleDisks);
    }

    /**
     * Stops every live agent before Bosun closes, so none works on unsupervised (their sessions are resumed, or
     * restarted, by recovery at the next start), and closes the tunnels.
     */
    public void stopAgents() {
        try {
            engine.onEngine(() -> {
                runner.shutDown();
                return null;
            }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            // the engine is already stopping: nothing more to do
        }
        tunnels.close();
    }

    public Operations operations() {
        return operations;
    }

    /** Engine thread or before {@link #start()}: agents started from now on get their tools through this. */
    public void useTools(ToolAccess tools) {
        runner.useTools(tools);
    }

    public AgentOperations agentOperations() {
        return agentOperations;
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

    DiskWatch disk() {
        return disk;
    }

    LiveRuns runs() {
        return runs;
    }
}
