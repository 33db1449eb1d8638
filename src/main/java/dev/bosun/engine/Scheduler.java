package dev.bosun.engine;

import dev.bosun.domain.Session;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.Target;
import dev.bosun.domain.TargetStatus;
import dev.bosun.store.Database;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
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
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private volatile boolean started;

    Scheduler(Engine engine, Database db, LiveRuns runs, SessionRunner runner, Supervisor supervisor,
            Recovery recovery, Settings settings) {
        this.engine = engine;
        this.db = db;
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
            recovery.atStart();
            pass();
            return null;
        });
        engine.every(settings.tick(), this::wake);
        engine.every(settings.orphanSweep(), () -> {
            if (recovery.reconcile(settings.orphanGrace(), "its process was gone") > 0) {
                wake();
            }
        });
    }

    /** Asks for a pass soon; any number of wakes before it runs make one pass. Any thread; none before start. */
    public void wake() {
        if (started && passQueued.compareAndSet(false, true)) {
            engine.onEngine(() -> {
                passQueued.set(false);
                pass();
                return null;
            });
        }
    }

    /** One pass. Engine thread only. */
    void pass() {
        engine.assertEngineThread();
        startWhatCan();
        supervisor.pass();
        lastPass = engine.clock().instant();
    }

    /** When the last pass ended (null before the first): the status bar shows the loop is alive. */
    public java.time.Instant lastPass() {
        return lastPass;
    }

    /**
     * Cancels every startable session with a dependency that failed or was canceled, to a fixed point, so a whole
     * chain is canceled in one pass whatever order its sessions come in. Returns session id → blocking dependency.
     */
    private Map<String, String> cancelBlocked(List<Session> startable,
            Map<String, Map<String, SessionStatus>> dependencies) {
        Map<String, String> doomed = new java.util.LinkedHashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Session s : startable) {
                if (doomed.containsKey(s.id())) {
                    continue;
                }
                Optional<String> blocker = dependencies.getOrDefault(s.id(), Map.of()).entrySet().stream()
                        .filter(d -> d.getValue() == SessionStatus.FAILED || d.getValue() == SessionStatus.CANCELED
                                || doomed.containsKey(d.getKey()))
                        .map(Map.Entry::getKey).findFirst();
                if (blocker.isPresent()) {
                    doomed.put(s.id(), blocker.get());
                    changed = true;
                }
            }
        }
        if (!doomed.isEmpty()) {
            db.write(tx -> {
                for (var e : doomed.entrySet()) {
                    tx.sessions().transition(e.getKey(), SessionStatus.CANCELED,
                            "dependency " + e.getValue() + " did not succeed", "engine");
                }
                return null;
            });
        }
        return doomed;
    }

    private void startWhatCan() {
        List<Session> startable = db.read(tx -> tx.sessions().startable());
        if (startable.isEmpty()) {
            return;
        }
        Map<String, Map<String, SessionStatus>> dependencies = db.read(tx -> tx.sessions().dependencyStatuses());
        Map<String, Integer> used = new HashMap<>(db.read(tx -> tx.sessions().workersByTarget()));
        // A target whose last disk sample is below the floor takes no new session until the GC freed space.
        List<Target> online = db.read(tx -> {
            List<Target> ok = new java.util.ArrayList<>();
            for (Target t : tx.targets().all()) {
                Long free = tx.targets().freeDiskMb(t.id());
                if (t.status() == TargetStatus.ONLINE && (free == null || free >= settings.minFreeDiskMb())) {
                    ok.add(t);
                }
            }
            return ok;
        });
        int liveWorkers = used.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, String> doomed = cancelBlocked(startable, dependencies);
        for (Session s : startable) {
            if (runs.isStarting(s.id()) || doomed.containsKey(s.id())) {
                continue; // a start under way is never started twice
            }
            Map<String, SessionStatus> deps = dependencies.getOrDefault(s.id(), Map.of());
            if (!deps.values().stream().allMatch(st -> st == SessionStatus.SUCCEEDED)) {
                continue;
            }
            boolean manager = s.role() == SessionRole.MANAGER;
            // a session bound to a target (asked for by its manager, or holding a checkout there) waits for it
            Optional<Target> target = online.stream()
                    .filter(t -> s.targetId() == null || t.id().equals(s.targetId()))
                    .filter(t -> manager || t.capacity() - used.getOrDefault(t.id(), 0) > 0)
                    .max(Comparator.comparingInt(t -> t.capacity() - used.getOrDefault(t.id(), 0)));
            if (target.isEmpty() || (!manager && liveWorkers >= settings.workerCap())) {
                if (s.status() != SessionStatus.WAITING_CAPACITY) { // a pass over a long queue writes nothing new
                    db.write(tx -> tx.sessions().transition(s.id(), SessionStatus.WAITING_CAPACITY,
                            target.isEmpty() ? "no online target with a free slot" : "worker cap reached", "engine"));
                }
                continue;
            }
            if (!manager) {
                used.merge(target.get().id(), 1, Integer::sum);
                liveWorkers++;
            }
            Optional<Session> placed = db.write(tx -> {
                tx.sessions().bindTarget(s.id(), target.get().id());
                boolean applied = tx.sessions().transition(s.id(), SessionStatus.STARTING,
                        "placed on " + target.get().name(), "engine").applied();
                return applied ? tx.sessions().byId(s.id()) : Optional.<Session>empty();
            });
            placed.ifPresent(runner::start);
        }
    }
}
