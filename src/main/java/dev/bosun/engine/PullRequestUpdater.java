package dev.bosun.engine;

import dev.bosun.domain.AuditType;
import dev.bosun.domain.Actor;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.Target;
import dev.bosun.domain.Workspace;
import dev.bosun.forge.BranchPublisher;
import dev.bosun.forge.Forge;
import dev.bosun.forge.ForgeException;
import dev.bosun.forge.Forges;
import dev.bosun.forge.PrState;
import dev.bosun.forge.PublishFailed;
import dev.bosun.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Updates an open PR: pushes a worker's new commits to its branch, edits its title or description, comments. The
 * push-safety rules: the PR's state is read fresh from its forge first; a merged PR is never pushed to; a PR closed
 * unmerged is refused and the manager asked what now; a force push needs a reason, which is recorded, may replace only
 * commits Bosun itself pushed (if anyone else pushed since, it is refused), and goes out with
 * {@code --force-with-lease} on that head.
 */
final class PullRequestUpdater {
    private final Engine engine;
    private final Database db;
    private final TargetExecutors executors;
    private final BranchPublisher branches;
    private final Forges forges;
    private final PullRequestLifecycle lifecycle;

    PullRequestUpdater(Engine engine, Database db, TargetExecutors executors, BranchPublisher branches, Forges forges,
            PullRequestLifecycle lifecycle) {
        this.engine = engine;
        this.db = db;
        this.executors = executors;
        this.branches = branches;
        this.forges = forges;
        this.lifecycle = lifecycle;
    }

    /** What to change; null fields stay as they are. */
    record Request(int number, String workerId, String title, String body, String forceReason, String comment) {}

    private record Plan(PullRequest pr, String pushedSha, Workspace checkout, Target target, Request request) {}

    /** What happened on the forge: its state before, what was pushed (or null), what failed after the push. */
    private record Done(PrState found, BranchPublisher.Pushed pushed, List<String> problems) {}

    /** Updates PR #{@code r.number()} of the objective, on behalf of {@code actor} (a manager, or the engine). */
    CompletableFuture<PullRequest> update(String objectiveId, Actor actor, Request r) {
        return engine.onEngine(() -> plan(objectiveId, r))
                .thenCompose(plan -> engine.onIo(() -> run(plan))
                        .thenCompose(done -> engine.onEngine(() -> record(actor, plan, done))));
    }

    private Plan plan(String objectiveId, Request r) {
        PullRequest pr = db.read(tx -> tx.pullRequests().forObjective(objectiveId)).stream()
                .filter(p -> p.number() == r.number()).findFirst()
                .orElseThrow(() -> new OperationRefused("This objective has no PR #" + r.number() + "."));
        refuseEnded(pr);
        String pushedSha = db.read(tx -> tx.pullRequests().pushedSha(pr.id()));
        if (r.workerId() == null) {
            if (r.forceReason() != null) {
                throw new OperationRefused("force_reason needs worker_id: it is the worker's commits that would "
                        + "replace the branch.");
            }
            if (r.title() == null && r.body() == null && r.comment() == null) {
                throw new OperationRefused("Nothing to update: give worker_id to push its commits, or a title, body "
                        + "or comment.");
            }
            return new Plan(pr, pushedSha, null, null, r);
        }
        Session worker = db.read(tx -> tx.sessions().byId(r.workerId()))
                .filter(w -> w.objectiveId().equals(objectiveId) && w.role() != SessionRole.MANAGER)
                .orElseThrow(() -> new OperationRefused("There is no worker " + r.workerId() + " in this objective."));
        if (worker.status() != SessionStatus.SUCCEEDED) {
            throw new OperationRefused("Worker " + worker.id() + " is " + worker.status().wire() + "; push a "
                    + "worker's commits once it has succeeded.");
        }
        Workspace ws = PullRequestPublisher.checkoutToPush(db, worker);
        if (!pr.branch().equals(ws.branch())) {
            throw new OperationRefused("Worker " + worker.id() + " works on " + ws.branch() + ", not on PR #"
                    + pr.number() + "'s branch " + pr.branch() + ". Push the work of the PR's own worker or of its "
                    + "follow-up, or publish this worker's branch as a new PR.");
        }
        Target target = db.read(tx -> tx.targets().byId(ws.targetId())).orElseThrow();
        return new Plan(pr, pushedSha, ws, target, r);
    }

    /** Blocking: the fresh state from the forge, then (if the PR is still open) the push, edit and comment. */
    private Done run(Plan plan) throws InterruptedException {
        Request r = plan.request();
        PullRequest pr = plan.pr();
        Forge forge;
        PrState found;
        BranchPublisher.Pushed pushed = null;
        try {
            forge = forges.of(pr);
            found = forge.refresh(pr);
            if (!found.status().awaitingReview()) {
                return new Done(found, null, List.of());
            }
            if (plan.checkout() != null) {
                boolean force = r.forceReason() != null;
                if (force && plan.pushedSha().isBlank()) {
                    throw new OperationRefused("Bosun has no record of what it pushed to PR #" + pr.number()
                            + "'s branch (it was published by an older Bosun), so a force push could replace someone "
                            + "else's commits. Rebase the work onto origin/" + pr.branch() + " and push without "
                            + "force_reason.");
                }
                if (force && !found.headSha().equals(plan.pushedSha())) {
                    throw new OperationRefused("PR #" + pr.number() + "'s branch has commits Bosun did not push (it "
                            + "is at " + found.headSha() + ", Bosun last pushed " + plan.pushedSha() + "): a force "
                            + "push would lose someone's work. Bring them into the worker's branch (git merge or rebase "
                            + "onto origin/" + pr.branch() + ") and push without force_reason.");
                }
                pushed = branches.pushUpdate(executors.forTarget(plan.target()), plan.checkout().path(),
                        pr.repository(), pr.branch(), plan.pushedSha(), force, "Address feedback on PR #" + pr.number());
            }
        } catch (ForgeException | PublishFailed e) {
            throw new OperationRefused(e.getMessage());
        }
        // after a push, a failed edit or comment must not hide that the push happened: it is reported, not thrown
        List<String> problems = new ArrayList<>();
        try {
            if (r.title() != null || r.body() != null) {
                forge.update(pr, r.title(), r.body());
            }
        } catch (ForgeException e) {
            problems.add("the title or description was not changed: " + e.getMessage());
        }
        try {
            if (r.comment() != null) {
                forge.comment(pr, r.comment());
            }
        } catch (ForgeException e) {
            problems.add("the comment was not posted: " + e.getMessage());
        }
        if (pushed == null && !problems.isEmpty()) {
            throw new OperationRefused(String.join("; ", problems));
        }
        return new Done(found, pushed, problems);
    }

    private PullRequest record(Actor actor, Plan plan, Done done) {
        PullRequest pr = plan.pr();
        Request r = plan.request();
        if (done.found().status() == PullRequestStatus.MERGED) {
            lifecycle.merged(pr, done.found().headSha() + ", merged on its forge");
        } else if (done.found().status() == PullRequestStatus.CLOSED) {
            lifecycle.closed(pr);
        }
        PullRequest now = db.read(tx -> tx.pullRequests().byId(pr.id())).orElseThrow();
        String pushedSha = done.pushed() == null ? null : done.pushed().headSha();
        if (!now.isOpen() && pushedSha == null) {
            refuseEnded(now);
        }
        boolean edited = done.problems().isEmpty();
        db.write(tx -> {
            tx.pullRequests().recordUpdate(pr.id(), pushedSha != null ? pushedSha : done.found().headSha(), pushedSha,
                    edited ? r.title() : null, edited ? r.body() : null, actor);
            if (r.forceReason() != null && pushedSha != null) {
                tx.audit().record(pr.objectiveId(), r.workerId(), AuditType.FORCE_PUSH, "PR #" + pr.number() + " "
                        + pr.branch() + " replaced (was " + done.found().headSha() + "): " + r.forceReason(), actor);
            }
            if (r.comment() != null && edited) {
                // the comment is on the forge (or, for the local forge, nowhere else): the audit says only that it was
                tx.audit().record(pr.objectiveId(), null, AuditType.PR_COMMENT, "commented on PR #" + pr.number() + " ("
                        + r.comment().length() + " characters)", actor);
            }
            return null;
        });
        if (!now.isOpen()) { // merged or closed (from the console, say) while the push ran
            throw new OperationRefused("Pushed " + pushedSha + " to " + pr.branch() + ", but PR #" + pr.number()
                    + " was " + now.status().wire() + " meanwhile, so that push is not part of it.");
        }
        if (!done.problems().isEmpty()) {
            throw new OperationRefused("Pushed " + pushedSha + " to PR #" + pr.number() + ", but "
                    + String.join("; ", done.problems()));
        }
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
