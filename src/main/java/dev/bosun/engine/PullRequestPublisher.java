package dev.bosun.engine;

import dev.bosun.domain.Actor;
import dev.bosun.domain.Objective;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.Session;
import dev.bosun.domain.Target;
import dev.bosun.domain.Workspace;
import dev.bosun.domain.WorkspaceStatus;
import dev.bosun.forge.BranchPublisher;
import dev.bosun.forge.Forge;
import dev.bosun.forge.ForgeException;
import dev.bosun.forge.Forges;
import dev.bosun.forge.PublishFailed;
import dev.bosun.store.Database;

/**
 * Publishes a worker's branch as a pull request in three steps on the right threads: {@link #plan} checks on the
 * engine thread that there is a checkout to publish, {@link Plan#push} pushes and opens the PR on its forge on an io
 * thread, and {@link Pushed#recording} writes the PR in the engine's transaction.
 */
final class PullRequestPublisher {
    private final Database db;
    private final TargetExecutors executors;
    private final BranchPublisher branches;
    private final Forges forges;

    PullRequestPublisher(Database db, TargetExecutors executors, BranchPublisher branches, Forges forges) {
        this.db = db;
        this.executors = executors;
        this.branches = branches;
        this.forges = forges;
    }

    /** {@code by}: who publishes it (its manager, or the operator from the Workspaces table). */
    Plan plan(Actor by, Session worker, String title, String body) {
        Workspace ws = checkoutToPush(db, worker);
        boolean published = db.read(tx -> tx.pullRequests().forObjective(worker.objectiveId())).stream()
                .anyMatch(pr -> pr.branch().equals(ws.branch()));
        if (published) {
            throw new OperationRefused("Worker " + worker.id() + "'s branch " + ws.branch()
                    + " is already published.");
        }
        Target target = db.read(tx -> tx.targets().byId(ws.targetId())).orElseThrow();
        Objective objective = db.read(tx -> tx.objectives().byId(worker.objectiveId())).orElseThrow();
        return new Plan(by, worker, ws, target, objective, title, body);
    }

    /** The worker's checkout, which must still be there (ready, or dirty) for its work to be pushed. */
    static Workspace checkoutToPush(Database db, Session worker) {
        Workspace ws = worker.workspaceId() == null ? null
                : db.read(tx -> tx.workspaces().byId(worker.workspaceId())).orElse(null);
        if (ws == null || !WorkspaceStatus.ON_DISK.contains(ws.status())) {
            throw new OperationRefused("Worker " + worker.id() + " has no checkout to push from"
                    + (ws == null ? "." : " (it is " + ws.status().wire() + ")."));
        }
        return ws;
    }

    final class Plan {
        private final Actor by;
        private final Session worker;
        private final Workspace ws;
        private final Target target;
        private final Objective objective;
        private final String title;
        private final String body;

        private Plan(Actor by, Session worker, Workspace ws, Target target, Objective objective, String title,
                String body) {
            this.by = by;
            this.worker = worker;
            this.ws = ws;
            this.target = target;
            this.objective = objective;
            this.title = title;
            this.body = body;
        }

        private String base() {
            return ws.baseRef() == null ? objective.baseBranch() : ws.baseRef().replaceFirst("^origin/", "");
        }

        /**
         * Blocking: commits leftovers, pushes the branch, opens the PR on the repository's forge. If the forge
         * refuses, the pushed branch stays and a second publish_pr tries again.
         */
        Pushed push() throws InterruptedException {
            try {
                BranchPublisher.Pushed p = branches.push(executors.forTarget(target), ws.path(),
                        objective.repository(), ws.branch(), ws.baseSha(), title);
                Forge forge = forges.forRepository(objective.repository());
                Forge.Opened opened = forge.publish(objective.repository(), ws.branch(), base(), title,
                        body == null ? "" : body);
                return new Pushed(this, p, forge.kind(), opened);
            } catch (PublishFailed | ForgeException e) {
                throw new OperationRefused(e.getMessage());
            }
        }
    }

    record Pushed(Plan plan, BranchPublisher.Pushed pushed, String forge, Forge.Opened opened) {
        /** The store work that records the PR, run in the engine's transaction. */
        Database.Work<PullRequest> recording() {
            return tx -> tx.pullRequests().record(plan.objective.id(), plan.worker.id(), plan.objective.repository(),
                    forge, opened.number(), opened.url(), plan.title, plan.body == null ? "" : plan.body,
                    plan.ws.branch(), plan.base(), pushed.headSha(), plan.by);
        }
    }
}
