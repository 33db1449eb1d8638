package dev.bosun.engine;

import dev.bosun.domain.PullRequest;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.Target;
import dev.bosun.domain.Workspace;
import dev.bosun.domain.WorkspaceStatus;
import dev.bosun.exec.CheckoutGit;
import dev.bosun.exec.Command;
import dev.bosun.exec.Executor;
import dev.bosun.exec.Result;
import dev.bosun.store.Database;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the work of an objective's succeeded workers that is in no pull request: commits on a worker's checkout that
 * are on no remote, or changes not committed. An objective must not end with such work unless its manager discarded
 * it with a reason: nobody would look at it again, and it would be stranded in a checkout the GC keeps.
 */
final class UnpublishedWork {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    private final Database db;
    private final TargetExecutors executors;

    UnpublishedWork(Database db, TargetExecutors executors) {
        this.db = db;
        this.executors = executors;
    }

    /** A succeeded worker's checkout that no PR of the objective holds. */
    record Candidate(Session worker, Workspace checkout, Target target) {}

    /** Engine thread: what to look at; cheap, no git. */
    List<Candidate> candidates(String objectiveId) {
        return db.read(tx -> {
            List<PullRequest> prs = tx.pullRequests().forObjective(objectiveId);
            List<Candidate> out = new ArrayList<>();
            for (Session s : tx.sessions().forObjective(objectiveId)) {
                if (s.role() == SessionRole.MANAGER || s.status() != SessionStatus.SUCCEEDED
                        || s.workspaceId() == null || tx.sessions().discardedReason(s.id()).isPresent()) {
                    continue;
                }
                Workspace ws = tx.workspaces().byId(s.workspaceId()).orElse(null);
                // a follow-up works on its PR's branch, but its commits are in the PR only if its push went through
                // (the PR may have been merged or closed first): it is probed like any worker
                if (ws == null || !WorkspaceStatus.ON_DISK.contains(ws.status()) || prs.stream().anyMatch(pr ->
                        s.id().equals(pr.sessionId()))) {
                    continue;
                }
                // a dependent started from its commits (it had succeeded: they are all it made), so they are in its PR
                java.util.Set<String> builtOnBy = new java.util.HashSet<>();
                java.util.Deque<String> next = new java.util.ArrayDeque<>(tx.sessions().dependents(s.id()));
                while (!next.isEmpty()) {
                    String d = next.pop();
                    if (builtOnBy.add(d)) {
                        next.addAll(tx.sessions().dependents(d));
                    }
                }
                if (prs.stream().anyMatch(pr -> builtOnBy.contains(pr.sessionId()))) {
                    continue;
                }
                tx.targets().byId(ws.targetId()).ifPresent(t -> out.add(new Candidate(s, ws, t)));
            }
            return out;
        });
    }

    /** An io thread: one line per worker whose checkout holds unpublished work, or could not be checked. */
    List<String> probe(List<Candidate> candidates) throws InterruptedException {
        List<String> found = new ArrayList<>();
        for (Candidate c : candidates) {
            String what = describe(executors.forTarget(c.target()), c.checkout());
            if (what != null) {
                found.add("worker " + c.worker().id() + " (\"" + c.worker().title() + "\"): " + what);
            }
        }
        return found;
    }

    private static String describe(Executor on, Workspace ws) throws InterruptedException {
        try {
            // the agent wrote this checkout's config: nothing it names may run as Bosun
            Result clean = on.run(CheckoutGit.cleanConfig(ws.path(), java.util.Map.of(), PROBE_TIMEOUT));
            if (!clean.ok()) {
                return "its checkout " + ws.path() + " could not be checked (" + clean.firstErrorLine() + ")";
            }
            Result unpushed = on.run(new Command(CheckoutGit.argv(ws.path(), "rev-list", "--count", "HEAD", "--not",
                    "--remotes"), null, CheckoutGit.SCRUBBED, null, PROBE_TIMEOUT));
            Result changes = on.run(new Command(CheckoutGit.argv(ws.path(), "status", "--porcelain",
                    "--ignore-submodules=all"), null,
                    CheckoutGit.SCRUBBED, null, PROBE_TIMEOUT));
            if (!unpushed.ok() || !changes.ok()) {
                return "its checkout " + ws.path() + " could not be checked ("
                        + (unpushed.ok() ? changes : unpushed).firstErrorLine() + ")";
            }
            int commits = Integer.parseInt(unpushed.stdout().strip());
            boolean uncommitted = !changes.stdout().isBlank();
            if (commits == 0 && !uncommitted) {
                return null;
            }
            return (commits > 0 ? commits + " commit" + (commits == 1 ? "" : "s") + " on " + ws.branch() : "")
                    + (commits > 0 && uncommitted ? " and " : "") + (uncommitted ? "uncommitted changes" : "")
                    + " in no pull request";
        } catch (IOException | NumberFormatException e) {
            return "its checkout " + ws.path() + " could not be checked (" + e.getMessage() + ")";
        }
    }

}
