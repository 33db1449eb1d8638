package dev.bosun.engine;

import dev.bosun.domain.SupervisorPolicy;
import dev.bosun.domain.SupervisorSettings;
import dev.bosun.forge.BranchPublisher;
import dev.bosun.forge.Forges;
import dev.bosun.store.Database;
import dev.bosun.workspace.CheckoutPreparer;
import java.io.IOException;
import java.time.Duration;

/**
 * The running engine, assembled in dependency order, with no part set after construction: live runs, steering, the
 * supervisor, the PR lifecycle and loop, the operator's and the agents' operations, the tools opened over them, then
 * the session runner and the scheduler. {@link #start()} recovers what a crash left and starts the loop.
 */
public final class Orchestration {
    private final LiveRuns runs = new LiveRuns();
    private final Steering steering;
    private final SessionRunner runner;
    private final Supervisor supervisor;
    private final Scheduler scheduler;
    private final Operations operations;
    private final AgentOperations agentOperations;
    private final ToolAccess tools;
    private final Tunnels tunnels;
    private final PullRequestRefresh prRefresh;
    private final WorkspaceGc gc;
    private final PullRequestFollowUps followUps;
    private final DiskWatch disk;
    private final Engine engine;
    private final Duration gcEvery;
    private final Duration prRefreshEvery;

    public Orchestration(Engine engine, Database db, AgentProviders providers, TargetExecutors executors,
            CheckoutPreparer checkouts, BranchPublisher branches, Forges forges, ToolAccess.Opener toolsOpener,
            SupervisorSettings supervision, Scheduler.Settings scheduling) throws IOException {
        this.engine = engine;
        this.gcEvery = scheduling.gcEvery();
        this.prRefreshEvery = scheduling.prRefreshEvery();
        Runnable wake = this::wake; // the scheduler comes last; nothing wakes it before start()
        steering = new Steering(engine, db, runs, wake);
        tunnels = new Tunnels(executors);
        gc = new WorkspaceGc(engine, db, executors);
        disk = new DiskWatch(db, executors, gc, scheduling.minFreeDiskMb());
        supervisor = new Supervisor(engine, db, new SupervisorPolicy(supervision), steering, runs, wake);
        ManagerChannel managers = new ManagerChannel(engine, db, steering, wake);
        Cancellation cancellation = new Cancellation(engine, db, runs, wake);
        PullRequestLifecycle lifecycle = new PullRequestLifecycle(engine, db, managers, cancellation, wake);
        PullRequestUpdater updater = new PullRequestUpdater(engine, db, executors, branches, forges, lifecycle);
        followUps = new PullRequestFollowUps(engine, db, managers, updater, providers, wake);
        prRefresh = new PullRequestRefresh(engine, db, forges, lifecycle, followUps);
        PullRequestPublisher publisher = new PullRequestPublisher(db, executors, branches, forges);
        operations = new Operations(engine, db, new Operations.Parts(steering, runs, supervisor, supervision,
                cancellation, lifecycle, prRefresh, gc, new TargetOperations(engine, db, executors,
                providers.programs(), wake), forges,
                providers, publisher, followUps, this::lastSchedulerPass), wake);
        agentOperations = new AgentOperations(engine, db, steering, runs, cancellation,
                new UnpublishedWork(db, executors), publisher, updater, providers, wake);
        tools = toolsOpener.open(operations, agentOperations);
        Recovery recovery = new Recovery(engine, db, runs, providers);
        runner = new SessionRunner(engine, db, providers, runs, steering, new SessionCheckouts(db, executors,
                checkouts), tools, followUps::pushWork, tunnels, executors, recovery, wake,
                operations.targets()::runDoctor);
        scheduler = new Scheduler(engine, db, providers, runs, runner, supervisor, recovery, scheduling);
    }

    private void wake() {
        scheduler.wake();
    }

    private java.time.Instant lastSchedulerPass() {
        return scheduler.lastPass();
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
        engine.every(Duration.ofMinutes(1), sampleDisks);
        // offline hosts are examined again each minute by the engine's clock; looked at every few seconds
        engine.every(Duration.ofSeconds(5), operations.targets()::examineOffline);
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

    public AgentOperations agentOperations() {
        return agentOperations;
    }

    /** What the tools opener made of the operations (the MCP server, in the app). */
    public ToolAccess tools() {
        return tools;
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

    /** Engine thread: follow-ups' commits being pushed to their PRs now (tests wait for them to settle). */
    int followUpPushesInFlight() {
        return followUps.pushesInFlight();
    }

    LiveRuns runs() {
        return runs;
    }
}
