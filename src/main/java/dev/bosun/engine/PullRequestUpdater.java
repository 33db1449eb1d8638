package dev.bosun.engine;

import dev.bosun.domain.PullRequest;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.Target;
import dev.bosun.domain.Workspace;
import dev.bosun.domain.WorkspaceStatus;
import dev.bosun.forge.BranchPublisher;
import dev.bosun.forge.Forge;
import dev.bosun.forge.ForgeException;
import dev.bosun.forge.Forges;
import dev.bosun.forge.PrState;
import dev.bosun.forge.PublishFailed;
import dev.bosun.store.Database;
import java.util.concurrent.CompletableFuture;

/**
 * A manager updates an open PR: pushes a worker's new commits to its branch, edits its title or description, comments.
 * The push-safety rules: the PR's state is read fresh from its forge first; a merged PR is never pushed to; a PR closed
 * unmerged is refused and the manager asked what now; a force push needs a reason, which is recorded, and goes out
 * with {@code --force-with-lease} on the head just read.
 */
final class PullRequestUpdater {
    private final Engine engine;
    private final Database db;
    private final TargetExecutors executors;
    private final BranchPublisher branches;
    private final Forges forges;
    private final Operations operations;

    PullRequestUpdater(Engine engine, Database db, TargetExecutors executors, BranchPublisher branches, Forges forges,
            Operations operations) {
        this.engine = engine;
        this.db = db;
        this.executors = executors;
        this.branches = branches;
        this.forges = forges;
        this.operations = operations;
    }

    /** What to change; null fields stay as they are. */
    record Request(int number, String workerId, String title, String body, String forceReason, String comment) {}

    private record Plan(PullRequest pr, Workspace checkout, Target target, Request request) {}

    private record Done(PrState found, BranchPublisher.Pushed pushed) {}

    /** Engine thread to start; {@code manager} is the live calling manager. */
    CompletableFuture<PullRequest> update(Session manager, Request r) {
        return engine.onEngine(() -> plan(manager, r))
                .thenCompose(plan -> engine.onIo(() -> run(plan))
                        .thenCompose(done -> engine.onEngine(() -> record(manager, plan, done))));
    }

    private Plan plan(Session manager, Request r) {
        PullRequest pr = db.read(tx -> tx.pullRequests().forObjective(manager.objectiveId())).stream()
                .filter(p -> p.number() == r.number()).findFirst()
                .orElseThrow(() -> new OperationRefused("This objective has no PR #" + r.number() + "."));
        refuseEnded(pr);
        if (r.workerId() == null) {
            if (r.forceReason() != null) {
                throw new OperationRefused("force_reason needs worker_id: it is the worker's commits that would "
                        + "replace the branch.");
            }
            if (r.title() == null && r.body() == null && r.comment() == null) {
                throw new OperationRefused("Nothing to update: give worker_id to push its commits, or a title, body "
                        + "or comment.");
            }
            return new Plan(pr, null, null, r);
        }
        Session worker = db.read(tx -> tx.sessions().byId(r.workerId()))
                .filter(w -> w.objectiveId().equals(manager.objectiveId()) && !w.id().equals(manager.id()))
                .orElseThrow(() -> new OperationRefused("There is no worker " + r.workerId() + " in this objective."));
        if (worker.status() != SessionStatus.SUCCEEDED) {
            throw new OperationRefused("Worker " + worker.id() + " is " + worker.status().wire() + "; push a "
                    + "worker's commits once it has succeeded.");
        }
        Workspace ws = worker.workspaceId() == null ? null
                : db.read(tx -> tx.workspaces().byId(worker.workspaceId())).orElse(null);
        if (ws == null || (ws.status() != WorkspaceStatus.READY && ws.status() != WorkspaceStatus.DIRTY)) {
            throw new OperationRefused("Worker " + worker.id() + " has no checkout to push from.");
        }
        if (!pr.branch().equals(ws.branch())) {
            throw new OperationRefused("Worker " + worker.id() + " works on " + ws.branch() + ", not on PR #"
                    + pr.number() + "'s branch " + pr.branch() + ". Push the work of the PR's own worker or of its "
                    + "follow-up, or publish this worker's branch as a new PR.");
        }
        Target target = db.read(tx -> tx.targets().byId(ws.targetId())).orElseThrow();
        return new Plan(pr, ws, target, r);
    }

    /** Blocking: the fresh state from the forge, then (if the PR is still open) the push, edit and comment. */
    private Done run(Plan plan) throws InterruptedException {
        Request r = plan.request();
        try {
            Forge forge = forges.of(plan.pr());
            PrState found = forge.refresh(plan.pr());
            if (found.status() == PullRequestStatus.MERGED || found.status() == PullRequestStatus.CLOSED) {
                return new Done(found, null);
            }
            BranchPublisher.Pushed pushed = plan.checkout() == null ? null
                    : branches.pushUpdate(executors.forTarget(plan.target()), plan.checkout().path(),
                            plan.pr().branch(), found.headSha(), r.forceReason() != null,
                            "Address feedback on PR #" + plan.pr().number());
            if (r.title() != null || r.body() != null) {
                forge.update(plan.pr(), r.title(), r.body());
            }
            if (r.comment() != null) {
                forge.comment(plan.pr(), r.comment());
            }
            return new Done(found, pushed);
        } catch (ForgeException | PublishFailed e) {
            throw new OperationRefused(e.getMessage());
        }
    }

    private PullRequest record(Session manager, Plan plan, Done done) {
        PullRequest pr = plan.pr();
        Request r = plan.request();
        if (done.pushed() == null && done.found().status() == PullRequestStatus.MERGED) {
            operations.recordMerged(pr, done.found().headSha() + ", merged on its forge");
        } else if (done.pushed() == null && done.found().status() == PullRequestStatus.CLOSED) {
            operations.recordClosed(pr);
        }
        refuseEnded(db.read(tx -> tx.pullRequests().byId(pr.id())).orElseThrow());
        String head = done.pushed() == null ? done.found().headSha() : done.pushed().headSha();
        db.write(tx -> {
            tx.pullRequests().recordUpdate(pr.id(), head, r.title(), r.body(), manager.id());
            if (r.forceReason() != null) {
                tx.audit().record(pr.objectiveId(), manager.id(), "force_push", "PR #" + pr.number() + " "
                        + pr.branch() + " replaced (was " + done.found().headSha() + "): " + r.forceReason(),
                        manager.id());
            }
            if (r.comment() != null) {
                tx.audit().record(pr.objectiveId(), manager.id(), "pr_comment", "PR #" + pr.number() + ": "
                        + r.comment(), manager.id());
            }
            return null;
        });
        return db.read(tx -> tx.pullRequests().byId(pr.id())).orElseThrow();
    }

    private static void refuseEnded(PullRequest pr) {
        if (pr.status() == PullRequestStatus.MERGED) {
            throw new OperationRefused("PR #" + pr.number() + " is merged: Bosun never pushes to a merged PR. "
                    + "Publish further work as a new PR (publish_pr from a new worker).");
        }
        if (pr.status() == PullRequestStatus.CLOSED) {
            throw new OperationRefused("PR #" + pr.number() + " was closed without being merged, so Bosun does not "
                    + "push to it. Decide what now: publish the work as a new PR, ask the operator (ask_user) "
                    + "whether to reopen it, or carry on without it.");
        }
    }
}
