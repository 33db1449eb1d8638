package dev.bosun.engine;

import dev.bosun.domain.AgentKind;
import dev.bosun.domain.Actor;
import dev.bosun.domain.Placement;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.Target;
import dev.bosun.store.Database;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The level-triggered loop: each pass recomputes from the database what can start, starts it (the slow part on the
 * io pool), then runs the supervisor. It wakes on any change (wakes coalesce into one pending pass) and every
 * {@code tick}. Slots are counted from session rows each pass, never kept as counters, so they cannot drift.
 */
public final class Scheduler {
    private volatile java.time.Instant lastPass;
    /** Waiting workers that cannot start until the operator acts ({@link Placement#stuck}), since when; engine only. */
    private Map<String, java.time.Instant> stuckSince = Map.of();
    /** {@code workerCap}: live workers across all targets; managers are exempt from it and from target capacity. */
    public record Settings(int workerCap, Duration tick, Duration orphanSweep, Duration orphanGrace,
            Duration gcEvery, long minFreeDiskMb, Duration prRefreshEvery) {
        public static final Settings DEFAULTS = new Settings(32, Duration.ofSeconds(2), Duration.ofMinutes(1),
                Duration.ofSeconds(90), Duration.ofMinutes(5), 5 * 1024);

        /** With open pull requests refreshed every minute. */
        public Settings(int workerCap, Duration tick, Duration orphanSweep, Duration orphanGrace, Duration gcEvery,
                long minFreeDiskMb) {
            this(workerCap, tick, orphanSweep, orphanGrace, gcEvery, minFreeDiskMb, Duration.ofMinutes(1));
        }

        public Settings withPrRefreshEvery(Duration every) {
            return new Settings(workerCap, tick, orphanSweep, orphanGrace, gcEvery, minFreeDiskMb, every);
        }
    }

    private final Engine engine;
    private final Database db;
    private final LiveRuns runs;
    private final SessionRunner runner;
    private final Supervisor supervisor;
    private final Recovery recovery;
    private final Settings settings;
    private final AgentProviders providers;
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private volatile boolean started;

    Scheduler(Engine engine, Database db, AgentProviders providers, LiveRuns runs, SessionRunner runner,
            Supervisor supervisor, Recovery recovery, Settings settings) {
        this.engine = engine;
        this.db = db;
        this.providers = providers;
        this.runs = runs;
        this.runner = runner;
        this.supervisor = supervisor;
        this.recovery = recovery;
        this.settings = settings;
    }

    /** Recovers what a crash left, then runs a pass every tick and an orphan sweep every minute. */
    void start() {
        started = true;
        engine.onEngine(() -> {
            recover();
            return null;
        });
        engine.every(settings.tick(), this::wake);
        engine.every(settings.orphanSweep(), this::sweepOrphans);
    }

    /** Engine thread: what a crash left is recovered, then a pass runs. */
    void recover() {
        recovery.atStart();
        pass();
    }

    /** Engine thread: sessions whose process vanished for the grace period are requeued. */
    void sweepOrphans() {
        if (recovery.reconcile(settings.orphanGrace(), "its process was gone") > 0) {
            wake();
        }
    }

    /**
     * Asks for a pass soon: {@link #WAKE_WINDOW} from now, and any number of wakes before it runs make that one pass.
     * A pass reads the whole queue (10 ms with 1,200 sessions waiting on this 2-core machine); one per operation
     * made each operation wait for the pass the one before it asked for. Any thread; none before start.
     */
    public void wake() {
        if (started && passQueued.compareAndSet(false, true)) {
            engine.after(WAKE_WINDOW, () -> {
                passQueued.set(false);
                pass();
            });
        }
    }

    /** How long a wake waits for more, so that a burst of operations makes one pass. */
    static final Duration WAKE_WINDOW = Duration.ofMillis(20);

    /** One pass. Engine thread only. */
    void pass() {
        engine.assertEngineThread();
        java.time.Instant now = engine.clock().instant();
        Map<String, java.time.Instant> since = new java.util.HashMap<>();
        startWhatCan().forEach(id -> since.put(id, stuckSince.getOrDefault(id, now)));
        stuckSince = since;
        supervisor.pass(stuckSince);
        lastPass = engine.clock().instant();
    }

    /** When the last pass ended (null before the first): the status bar shows the loop is alive. */
    public java.time.Instant lastPass() {
        return lastPass;
    }

    /** A dependent builds on its dependencies' checkouts, so it goes where the first of them ran (null: anywhere). */
    private String dependencyTarget(Map<String, SessionStatus> dependencies) {
        if (dependencies == null) {
            return null;
        }
        return db.read(tx -> {
            for (String dep : new java.util.TreeSet<>(dependencies.keySet())) {
                String target = tx.sessions().byId(dep).map(Session::targetId).orElse(null);
                if (target != null) {
                    return target;
                }
            }
            return null;
        });
    }

    /**
     * Loads what placement decides on, asks {@link Placement}, and applies its decisions. Returns the waiting workers
     * that cannot start until the operator acts ({@link Placement#stuck}).
     */
    private java.util.Set<String> startWhatCan() {
        List<dev.bosun.store.Sessions.Startable> startable = db.read(tx -> tx.sessions().startable());
        if (startable.isEmpty()) {
            return java.util.Set.of();
        }
        Map<String, Map<String, SessionStatus>> dependencies = db.read(tx -> tx.sessions().dependencyStatuses());
        List<Placement.Slots> targets = db.read(tx -> {
            Map<String, Integer> used = tx.sessions().workersByTarget();
            Map<String, java.util.Set<AgentKind>> agents = tx.targets().agents();
            List<Placement.Slots> all = new java.util.ArrayList<>();
            for (Target t : tx.targets().all()) {
                all.add(new Placement.Slots(t.id(), t.name(), t.status(), t.capacity(), used.getOrDefault(t.id(), 0),
                        tx.targets().freeDiskMb(t.id()), t.kind() == dev.bosun.domain.TargetKind.LOCAL
                                ? providers.runnableHere() : agents.get(t.id())));
            }
            return all;
        });
        List<Placement.Waiting> waiting = startable.stream().map(s -> new Placement.Waiting(s.id(), s.role(),
                s.targetId() != null ? s.targetId() : dependencyTarget(dependencies.get(s.id())),
                dependencies.getOrDefault(s.id(), Map.of()), runs.isStarting(s.id()), s.agent())).toList();
        Map<String, dev.bosun.store.Sessions.Startable> byId = new java.util.HashMap<>();
        startable.forEach(s -> byId.put(s.id(), s));
        Placement.Settings placement = new Placement.Settings(settings.workerCap(), settings.minFreeDiskMb());
        List<Placement.Decision> decisions = Placement.decide(waiting, targets, placement);
        List<Placement.Cancel> cancels = decisions.stream().filter(d -> d instanceof Placement.Cancel)
                .map(d -> (Placement.Cancel) d).toList();
        if (!cancels.isEmpty()) {
            db.write(tx -> {
                for (Placement.Cancel c : cancels) {
                    tx.sessions().transition(c.sessionId(), SessionStatus.CANCELED,
                            "dependency " + c.blocker() + " did not succeed", Actor.ENGINE);
                }
                return null;
            });
        }
        for (Placement.Decision d : decisions) {
            if (d instanceof Placement.Fail f) {
                runner.failWaiting(f.sessionId(), f.reason());
            } else if (d instanceof Placement.Wait w
                    && byId.get(w.sessionId()).status() != SessionStatus.WAITING_CAPACITY) {
                // a pass over a long queue writes nothing new
                db.write(tx -> tx.sessions().transition(w.sessionId(), SessionStatus.WAITING_CAPACITY, w.reason(),
                        Actor.ENGINE));
            } else if (d instanceof Placement.Place p) {
                Optional<Session> placed = db.write(tx -> {
                    tx.sessions().bindTarget(p.sessionId(), p.targetId());
                    boolean applied = tx.sessions().transition(p.sessionId(), SessionStatus.STARTING,
                            "placed on " + p.targetName(), Actor.ENGINE).applied();
                    return applied ? tx.sessions().byId(p.sessionId()) : Optional.<Session>empty();
                });
                placed.ifPresent(runner::start);
            }
        }
        // placed, failed or canceled this pass: not waiting any more (nor stuck behind one of them)
        java.util.Set<String> decided = new java.util.HashSet<>();
        decisions.stream().filter(d -> !(d instanceof Placement.Wait)).forEach(d -> decided.add(d.sessionId()));
        return Placement.stuck(waiting.stream().filter(w -> !decided.contains(w.sessionId())).toList(), targets,
                placement);
    }
}
