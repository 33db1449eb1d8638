package dev.bosun.engine;

import dev.bosun.domain.AuditType;
import dev.bosun.domain.Actor;
import dev.bosun.domain.ReclaimCandidate;
import dev.bosun.domain.ReclaimCandidate.Commits;
import dev.bosun.domain.ReclaimDecision;
import dev.bosun.domain.ReclaimPolicy;
import dev.bosun.domain.Target;
import dev.bosun.domain.WorkspaceStatus;
import dev.bosun.exec.CheckoutGit;
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

    /**
     * The operator discards a spent checkout the GC keeps for its work: deleted now, on the gc thread (so never beside
     * a pass), and archived with the reason; its worker's work counts as discarded. Refused while a session uses it
     * or one will inherit it, and for a path outside its target's work root.
     */
    public CompletableFuture<Void> discard(String workspaceId, String reason) {
        return engine.onGc(() -> {
            if (reason == null || reason.isBlank()) {
                throw new OperationRefused("Say why the work is not wanted: the reason is kept in the audit trail.");
            }
            GcFacts f = db.read(tx -> tx.workspaces().gcCandidates()).stream().filter(c -> c.id().equals(workspaceId))
                    .findFirst().orElseThrow(() -> new OperationRefused("That checkout is already gone."));
            if (!WorkspaceStatus.ON_DISK.contains(f.status()) || !f.liveUsers().isEmpty()
                    || !f.liveInheritors().isEmpty() || f.ownerStatus() != null && !f.ownerStatus().terminal()) {
                throw new OperationRefused("The checkout " + f.path() + " is in use (or being prepared): cancel "
                        + "the session that uses it first.");
            }
            Target target = db.read(tx -> tx.targets().byId(f.targetId())).orElseThrow(() ->
                    new OperationRefused("Its target no longer exists."));
            Optional<String> refused = new WorkRoot(target.workRoot()).refuseDeletion(f.path(), f.sessionId());
            if (refused.isPresent()) {
                throw new OperationRefused("Bosun will not delete " + f.path() + ": " + refused.get());
            }
            Result rm = executors.forTarget(target).run(Command.of("rm", "-rf", "--", f.path())
                    .withTimeout(RM_TIMEOUT));
            if (!rm.ok()) {
                throw new OperationRefused("Could not delete " + f.path() + " on " + target.name() + ": "
                        + (rm.timedOut() ? "rm timed out" : rm.firstErrorLine()) + ". Nothing was changed.");
            }
            String why = reason.strip();
            db.write(tx -> {
                tx.workspaces().archive(f.id(), "discarded by the operator: " + why, null, Actor.OPERATOR);
                if (f.sessionId() != null && f.ownerRole() != dev.bosun.domain.SessionRole.MANAGER) {
                    tx.sessions().discardWork(f.sessionId(), why);
                }
                tx.audit().record(null, f.sessionId(), AuditType.WORK_DISCARDED, "checkout " + f.path()
                        + " discarded by the operator: " + why, Actor.OPERATOR);
                return null;
            });
            return null;
        });
    }

    /** What a pass would do and why, without doing it. */
    public CompletableFuture<Report> preview() {
        return engine.onIo(() -> pass(false));
    }

    private volatile Progress progress;

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
            List<GcFacts> candidates = db.read(tx -> tx.workspaces().gcCandidates());
            for (GcFacts f : candidates) {
                progress = new Progress("checkouts examined", outcomes.size(), candidates.size());
                outcomes.add(handle(f, targets.get(f.targetId()), act));
            }
            return new Report(false, outcomes);
        } finally {
            progress = null;
            if (act) {
                running.unlock();
            }
        }
    }

    /** How far the pass under way is (null: none runs): a pass over many remote checkouts takes a while. */
    Progress progress() {
        return progress;
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
            // a failed checkout never had an agent in it (a clone cut short has no index, and would look all changed)
            Probed probed = f.status() == WorkspaceStatus.FAILED ? new Probed(Commits.NONE)
                    : probe(executors.forTarget(target), f);
            candidate = withCommits(candidate, probed.commits());
            ReclaimDecision kept = ReclaimPolicy.decide(candidate);
            if (act && kept instanceof ReclaimDecision.Keep) {
                // spent but kept for its work: the Workspaces table says why, so the operator can publish or discard
                String why = "kept: " + switch (probed.commits()) {
                    case UNPUSHED -> probed.unpushed() + " unpublished commit" + (probed.unpushed() == 1 ? "" : "s")
                            + " on " + f.branch();
                    case UNCOMMITTED -> "uncommitted changes on " + f.branch();
                    default -> kept.reason();
                };
                db.write(tx -> {
                    tx.workspaces().recordKept(f.id(), why);
                    return null;
                });
            }
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
            Result rm = on.run(new Command(List.of("sh", "-c", RECLAIM, "bosun-gc-reclaim", f.path()), null, Map.of(),
                    null, RM_TIMEOUT));
            if (!rm.ok()) {
                String error = rm.timedOut() ? "rm timed out" : "rm failed: " + rm.firstErrorLine();
                fail(f, error);
                return new Outcome(f.id(), f.path(), decision, error);
            }
            Long bytes = rm.stdout().lines().filter(l -> l.startsWith("size ")).findFirst()
                    .map(l -> Long.parseLong(l.substring(5).strip()) * 1024).orElse(null);
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

    /** Its size first (for the Workspaces table), then the folder itself, in one round trip: {@code $1} the path. */
    private static final String RECLAIM = """
            size=$(du -sk -- "$1" 2>/dev/null) && echo "size ${size%%[[:space:]]*}"
            rm -rf -- "$1"
            """;

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

    /** What a probe found; {@code unpushed} counts the commits found nowhere else. */
    record Probed(Commits commits, int unpushed) {
        Probed(Commits commits) {
            this(commits, 0);
        }
    }

    /**
     * What a checkout holds beyond its base, in one round trip; {@code $1} the folder, {@code $2} its base commit.
     * Says "gone" (no such folder), "uncommitted", "unpushed N" (commits on any local branch, in a stash or at HEAD
     * that no remote branch or tag has: work on another branch, or stashed, is as lost once deleted; counted again
     * after a fetch, since a dependent's PR may have carried them) or "head SHA". Anything else (ssh's own 255, a
     * timeout) says nothing about the folder: a checkout taken for gone would be archived with its work. Git runs
     * as {@link CheckoutGit} says: the agent wrote that folder's config.
     */
    private static final String PROBE = """
            [ -d "$1" ] || { echo gone; exit 0; }
            cd "$1" || exit 1
            base=$2
            """ + CheckoutGit.PRELUDE + """
            status=$(g status --porcelain=v2 --branch --no-ahead-behind --ignore-submodules=all) || exit 1
            nl='
            '
            case "$nl$status" in *"$nl"[!#]*) echo uncommitted; exit 0;; esac
            unique() {
              g rev-list --count HEAD --branches '--glob=refs/sta[s]h' --not --remotes --tags ${base:+"$base"}
            }
            n=$(unique) || exit 1
            if [ "$n" -gt 0 ] && g fetch --quiet origin; then n=$(unique) || exit 1; fi
            if [ "$n" -gt 0 ]; then echo "unpushed $n"; exit 0; fi
            head=${status#*"# branch.oid "}; head=${head%%[!0-9a-f]*}
            echo "head $head"
            """;

    static Probed probe(Executor on, GcFacts f) throws InterruptedException {
        try {
            Result r = on.run(new Command(List.of("sh", "-c", PROBE, "bosun-gc-probe", f.path(),
                    f.baseSha() == null ? "" : f.baseSha().strip()), null, CheckoutGit.SCRUBBED, null, PROBE_TIMEOUT));
            String said = r.ok() ? r.stdout().strip() : "";
            if (said.equals("gone")) {
                return new Probed(Commits.GONE);
            } else if (said.equals("uncommitted")) {
                return new Probed(Commits.UNCOMMITTED);
            } else if (said.startsWith("unpushed ")) {
                return new Probed(Commits.UNPUSHED, Integer.parseInt(said.substring(9).strip()));
            } else if (said.startsWith("head ")) {
                return new Probed(said.substring(5).strip().equals(f.baseSha()) ? Commits.NONE : Commits.PUSHED);
            }
            return new Probed(Commits.UNKNOWN);
        } catch (java.io.IOException | NumberFormatException e) {
            return new Probed(Commits.UNKNOWN);
        }
    }

    private static ReclaimCandidate withCommits(ReclaimCandidate c, Commits commits) {
        return new ReclaimCandidate(c.workspaceId(), c.status(), c.objectiveStatus(), c.ownerRole(), c.ownerStatus(),
                c.ownerHasPullRequest(), c.liveUsers(), c.liveInheritors(), c.targetExists(), commits);
    }
}
