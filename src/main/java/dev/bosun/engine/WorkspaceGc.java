package dev.bosun.engine;

import dev.bosun.domain.AuditType;
import dev.bosun.domain.Actor;
import dev.bosun.domain.ReclaimCandidate;
import dev.bosun.domain.ReclaimCandidate.Commits;
import dev.bosun.domain.ReclaimDecision;
import dev.bosun.domain.ReclaimPolicy;
import dev.bosun.domain.Target;
import dev.bosun.exec.Command;
import dev.bosun.exec.Executor;
import dev.bosun.exec.Result;
import dev.bosun.store.Database;
import dev.bosun.store.Workspaces.GcFacts;
import dev.bosun.workspace.WorkRoot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reclaims checkouts that provably nobody needs, applying {@link ReclaimPolicy} on the gc thread. Passes never
 * overlap: one that finds another running is skipped, not queued, and a remote {@code rm} that hangs holds only the gc
 * thread, never the scheduler. A failed {@code rm} leaves the row for the next pass with the error and its count.
 */
public final class WorkspaceGc {
    private static final Logger log = LoggerFactory.getLogger(WorkspaceGc.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RM_TIMEOUT = Duration.ofMinutes(10);

    /** What one checkout got, and why. */
    public record Outcome(String workspaceId, String path, ReclaimDecision decision, String error) {}

    /** The result of a pass; {@code skipped} when another pass was running. */
    public record Report(boolean skipped, List<Outcome> outcomes) {
        public long reclaimed() {
            return outcomes.stream().filter(o -> o.error() == null
                    && !(o.decision() instanceof ReclaimDecision.Keep)).count();
        }
    }

    private final Engine engine;
    private final Database db;
    private final TargetExecutors executors;
    private final ReentrantLock running = new ReentrantLock();
    private volatile java.time.Instant lastPass;

    /** When the last real pass started (null before the first). */
    public java.time.Instant lastPass() {
        return lastPass;
    }

    public WorkspaceGc(Engine engine, Database db, TargetExecutors executors) {
        this.engine = engine;
        this.db = db;
        this.executors = executors;
    }

    /** A pass on the gc thread; skipped at once (not queued behind it) while another pass runs. */
    public CompletableFuture<Report> runNow() {
        if (running.isLocked()) {
            return CompletableFuture.completedFuture(new Report(true, List.of()));
        }
        return engine.onGc(() -> pass(true));
    }

    /** What a pass would do and why, without doing it. */
    public CompletableFuture<Report> preview() {
        return engine.onIo(() -> pass(false));
    }

    Report pass(boolean act) throws InterruptedException {
        if (act && !running.tryLock()) {
            return new Report(true, List.of());
        }
        try {
            Map<String, Target> targets = db.read(tx -> tx.targets().all()).stream()
                    .collect(Collectors.toMap(Target::id, Function.identity()));
            List<Outcome> outcomes = new ArrayList<>();
            if (act) {
                lastPass = engine.clock().instant();
            }
            for (GcFacts f : db.read(tx -> tx.workspaces().gcCandidates())) {
                outcomes.add(handle(f, targets.get(f.targetId()), act));
            }
            return new Report(false, outcomes);
        } finally {
            if (act) {
                running.unlock();
            }
        }
    }

    private Outcome handle(GcFacts f, Target target, boolean act) throws InterruptedException {
        ReclaimCandidate candidate = new ReclaimCandidate(f.id(), f.status(), f.objectiveStatus(), f.ownerRole(),
                f.ownerStatus(), f.ownerHasPullRequest(), f.liveUsers(), f.liveInheritors(),
                f.targetExists() && target != null, Commits.NONE);
        // Check the path and probe the commits only when everything else allows reclaiming (a probe is a round trip).
        if (ReclaimPolicy.decide(candidate) instanceof ReclaimDecision.Reclaim) {
            Optional<String> refused = new WorkRoot(target.workRoot()).refuseDeletion(f.path(), f.sessionId());
            if (refused.isPresent()) {
                if (act) {
                    fail(f, "refused to delete: " + refused.get());
                }
                return new Outcome(f.id(), f.path(), new ReclaimDecision.Keep("refused: " + refused.get()),
                        refused.get());
            }
            candidate = withCommits(candidate, probe(executors.forTarget(target), f));
        }
        ReclaimDecision decision = ReclaimPolicy.decide(candidate);
        if (!act || decision instanceof ReclaimDecision.Keep) {
            return new Outcome(f.id(), f.path(), decision, null);
        }
        if (decision instanceof ReclaimDecision.ArchiveOnly) {
            db.write(tx -> {
                tx.workspaces().archive(f.id(), decision.reason(), null, Actor.GC);
                return null;
            });
            return new Outcome(f.id(), f.path(), decision, null);
        }
        Executor on = executors.forTarget(target);
        try {
            Result du = on.run(Command.of("du", "-sk", "--", f.path()).withTimeout(RM_TIMEOUT));
            Long bytes = du.ok() ? Long.parseLong(du.stdout().strip().split("\\s+")[0]) * 1024 : null;
            Result rm = on.run(Command.of("rm", "-rf", "--", f.path()).withTimeout(RM_TIMEOUT));
            if (!rm.ok()) {
                String error = rm.timedOut() ? "rm timed out" : "rm failed: " + rm.firstErrorLine();
                fail(f, error);
                return new Outcome(f.id(), f.path(), decision, error);
            }
            db.write(tx -> {
                tx.workspaces().archive(f.id(), decision.reason(), bytes, Actor.GC);
                return null;
            });
            return new Outcome(f.id(), f.path(), decision, null);
        } catch (java.io.IOException | NumberFormatException e) {
            fail(f, e.getMessage());
            return new Outcome(f.id(), f.path(), decision, e.getMessage());
        }
    }

    private void fail(GcFacts f, String error) {
        log.warn("GC could not reclaim {}: {}", f.path(), error);
        db.write(tx -> {
            if (tx.workspaces().gcFailures(f.id()) == 0) { // the trail gets the first failure; the row counts them all
                tx.audit().record(null, f.sessionId(), AuditType.GC_FAILED, "could not reclaim " + f.path() + ": "
                        + error, Actor.GC);
            }
            tx.workspaces().recordGcFailure(f.id(), error);
            return null;
        });
    }

    /**
     * What the checkout holds beyond its base: uncommitted changes, and commits on no remote branch, are what would be
     * lost.
     */
    static Commits probe(Executor on, GcFacts f) throws InterruptedException {
        try {
            Result folder = on.run(Command.of("test", "-d", f.path()).withTimeout(PROBE_TIMEOUT));
            if (!folder.ok()) {
                // test says "no such folder" with exit 1; ssh's own 255, a timeout or a missing test say nothing
                // about the folder, and a checkout taken for gone would be archived with its work
                return folder.exitCode() == 1 && !folder.timedOut() ? Commits.GONE : Commits.UNKNOWN;
            }
            Result status = on.run(new Command(List.of("git", "-C", f.path(), "status", "--porcelain"), null,
                    Map.of(), null, PROBE_TIMEOUT));
            if (!status.ok()) {
                return Commits.UNKNOWN;
            }
            if (!status.stdout().isBlank()) {
                return Commits.UNCOMMITTED;
            }
            // every ref, not just HEAD: work on another local branch, or stashed, is as lost once deleted
            List<String> argv = new ArrayList<>(List.of("git", "-C", f.path(), "rev-list", "--count", "HEAD",
                    "--all", "--not", "--remotes"));
            if (f.baseSha() != null && !f.baseSha().isBlank()) {
                argv.add(f.baseSha());
            }
            Result unique = on.run(new Command(argv, null, Map.of(), null, PROBE_TIMEOUT));
            if (!unique.ok()) {
                return Commits.UNKNOWN;
            }
            if (Integer.parseInt(unique.stdout().strip()) > 0) {
                return Commits.UNPUSHED;
            }
            Result head = on.run(new Command(List.of("git", "-C", f.path(), "rev-parse", "HEAD"), null, Map.of(),
                    null, PROBE_TIMEOUT));
            return head.ok() && head.stdout().strip().equals(f.baseSha()) ? Commits.NONE : Commits.PUSHED;
        } catch (java.io.IOException | NumberFormatException e) {
            return Commits.UNKNOWN;
        }
    }

    private static ReclaimCandidate withCommits(ReclaimCandidate c, Commits commits) {
        return new ReclaimCandidate(c.workspaceId(), c.status(), c.objectiveStatus(), c.ownerRole(), c.ownerStatus(),
                c.ownerHasPullRequest(), c.liveUsers(), c.liveInheritors(), c.targetExists(), commits);
    }
}
