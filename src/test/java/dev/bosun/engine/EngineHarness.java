package dev.bosun.engine;

import dev.bosun.domain.Actor;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.AuditEvent;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionMode;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SupervisorAction;
import dev.bosun.domain.SupervisorSettings;
import dev.bosun.domain.TargetKind;
import dev.bosun.forge.BranchPublisher;
import dev.bosun.forge.Forges;
import dev.bosun.forge.LocalForge;
import dev.bosun.store.Database;
import dev.bosun.store.NewSession;
import dev.bosun.testing.Git;
import dev.bosun.testing.ManualClock;
import dev.bosun.workspace.CheckoutPreparer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real engine on a real database with scripted agents and a manual clock. Passes are run explicitly (no timers),
 * and {@link #settle()} waits until every agent start has come back to the engine thread.
 */
final class EngineHarness implements AutoCloseable {
    final Path dir;
    final ManualClock clock;
    final Database db;
    final Engine engine;
    final ScriptedAgents claude = new ScriptedAgents(AgentKind.CLAUDE, true, true);
    final ScriptedAgents codex = new ScriptedAgents(AgentKind.CODEX, false, true);
    final ScriptedAgents command = new ScriptedAgents(AgentKind.COMMAND, false, false);
    final Orchestration orchestration;
    final Git git;
    final Path origin;
    final Operations ops;
    final FaultyExecutors executors;
    final AgentProviders providers = new AgentProviders();

    EngineHarness(Path dir, ManualClock clock, Scheduler.Settings settings) {
        this(dir, clock, settings, null);
    }

    /** @param forges null: the local forge */
    EngineHarness(Path dir, ManualClock clock, Scheduler.Settings settings, Forges forges) {
        this.dir = dir;
        this.clock = clock;
        this.db = Database.open(dir.resolve("bosun.db"), clock);
        this.engine = new Engine(clock, 4);
        try {
            this.git = new Git(java.nio.file.Files.createDirectories(dir.resolve("home")));
            this.origin = java.nio.file.Files.exists(dir.resolve("origin.git")) ? dir.resolve("origin.git")
                    : git.origin(dir);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        this.executors = new FaultyExecutors(dir.resolve("ssh"), dir.resolve("known_hosts"));
        try {
            this.orchestration = new Orchestration(engine, db, providers.register(claude).register(codex)
                    .register(command), executors,
                    new CheckoutPreparer(git.env()), new BranchPublisher(git.env()), forges != null ? forges
                    : Forges.localOnly(new LocalForge(git.env(), dir.resolve("forge-cache"))), ToolAccess.Opener.NONE,
                    SupervisorSettings.DEFAULTS, settings);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        this.ops = orchestration.operations();
        db.write(tx -> tx.targets().byName("local").isPresent() ? null
                : tx.targets().create("local", TargetKind.LOCAL, "", "", 0, dir.resolve("work").toString(), 2,
                        Actor.ENGINE));
    }

    EngineHarness(Path dir) {
        this(dir, new ManualClock(), SETTINGS);
    }

    static final Scheduler.Settings SETTINGS = new Scheduler.Settings(32, Duration.ofSeconds(2), Duration.ofMinutes(1),
            Duration.ofSeconds(90), Duration.ofMinutes(5), 0);

    <T> T onEngine(Callable<T> work) {
        return await(engine.onEngine(work));
    }

    <T> T await(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One scheduler pass (which ends with a supervisor pass) and the starts it launched, then the pass its wake asks
     * for (a respawned manager starts in it), as the running loop would do.
     */
    void pass() {
        for (int i = 0; i < 2; i++) {
            onEngine(() -> {
                orchestration.scheduler().pass();
                return null;
            });
            settle();
        }
    }

    /** One scheduler pass, returning while the starts it launched are still under way (a test holds them). */
    void passLeavingStartsInFlight() {
        onEngine(() -> {
            orchestration.scheduler().pass();
            return null;
        });
    }

    List<SupervisorAction> supervise() {
        return onEngine(() -> orchestration.supervisor().pass());
    }

    /** Waits until no start is in flight and the engine thread has handled everything queued so far. */
    void settle() {
        waitFor(() -> onEngine(() -> orchestration.runs().size() >= 0 && noStartInFlight()));
    }

    private boolean noStartInFlight() {
        return db.read(tx -> tx.sessions().live()).stream().noneMatch(s -> orchestration.runs().isStarting(s.id()));
    }

    static void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            // a short pause between probes: a busy loop of engine probes starves the io threads on 2 cores
            java.util.concurrent.locks.LockSupport.parkNanos(500_000);
        }
    }

    Objective objective(AgentKind manager) {
        return await(ops.createObjective(new ObjectiveDraft("Ship it", "Add a --json flag.", origin.toString(), "",
                manager)));
    }

    Session manager(String objectiveId) {
        return sessions(objectiveId).stream().filter(s -> s.role() == SessionRole.MANAGER)
                .reduce((a, b) -> b).orElseThrow();
    }

    List<Session> sessions(String objectiveId) {
        return db.read(tx -> tx.sessions().forObjective(objectiveId));
    }

    Session session(String id) {
        return db.read(tx -> tx.sessions().byId(id)).orElseThrow();
    }

    Session worker(String objectiveId, String parentId, AgentKind agent, String title, List<String> dependsOn) {
        Session s = db.write(tx -> tx.sessions().create(new NewSession(objectiveId, parentId, SessionRole.WORKER,
                agent, SessionMode.NON_INTERACTIVE, title, "do " + title, dependsOn), Actor.ENGINE));
        return s;
    }

    ScriptedAgents agents(AgentKind kind) {
        return switch (kind) {
            case CLAUDE -> claude;
            case CODEX -> codex;
            case COMMAND -> command;
            case DEMO -> throw new IllegalArgumentException("the engine tests script no demo agent");
        };
    }

    ScriptedAgents.Run run(Session s) {
        return agents(s.agent()).runs.get(s.id());
    }

    /** Runs {@code action} on the engine thread (as the agent's reader thread would hand it over) and settles. */
    void agentDoes(Runnable action) {
        action.run();
        settle();
        settle(); // what the engine did may have made the agent report again (a finished turn, then its exit)
    }

    List<AuditEvent> audit(String objectiveId) {
        return db.read(tx -> tx.audit().forObjective(objectiveId));
    }

    long auditCount(String objectiveId, String type) {
        return audit(objectiveId).stream().filter(e -> e.type().equals(type)).count();
    }

    @Override
    public void close() {
        engine.close();
        db.close();
    }
}
