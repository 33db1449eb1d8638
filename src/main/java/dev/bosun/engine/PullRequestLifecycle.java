package dev.bosun.engine;

import dev.bosun.domain.Actor;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.domain.StateSnapshot;
import dev.bosun.store.Database;

/**
 * What follows when a PR is merged, closed or reopened, whoever found out (a merge from the console, a refresh, an
 * update that met the forge's state): the status change, the follow-up stopped, the live manager told.
 */
final class PullRequestLifecycle {
    private final Engine engine;
    private final Database db;
    private final ManagerChannel managers;
    private final Cancellation cancellation;
    private final Runnable wake;

    PullRequestLifecycle(Engine engine, Database db, ManagerChannel managers, Cancellation cancellation,
            Runnable wake) {
        this.engine = engine;
        this.db = db;
        this.managers = managers;
        this.cancellation = cancellation;
        this.wake = wake;
    }

    /**
     * Engine thread: the PR is merged (here, or found merged); its live manager is told, and a follow-up still
     * working on it is stopped. With no live manager the supervisor respawns one, since a merge is progress.
     * {@code how}: the merge commit, or which head was found merged where.
     */
    PullRequest merged(PullRequest pr, String how) {
        engine.assertEngineThread();
        boolean now = db.write(tx -> tx.pullRequests().transition(pr.id(), PullRequestStatus.MERGED, "merged as "
                + how, Actor.OPERATOR)).applied();
        if (now) {
            stopFollowUp(pr, "its PR was merged");
            db.read(tx -> tx.supervision().inFull(pr.objectiveId())).ifPresent(o -> managers.tell(o.id(),
                    "Bosun: PR #" + pr.number() + " \"" + pr.title() + "\" was merged into " + pr.baseBranch()
                    + " (" + how + "). If the objective is complete, call mark_objective_done; otherwise continue."
                    + "\n\nWhere the objective stands:\n" + StateSnapshot.render(o), Actor.OPERATOR));
            wake.run();
        }
        return db.read(tx -> tx.pullRequests().byId(pr.id())).orElseThrow();
    }

    /** Engine thread: closed without being merged (on its forge, or its branch deleted); the manager is asked. */
    void closed(PullRequest pr) {
        engine.assertEngineThread();
        boolean now = db.write(tx -> tx.pullRequests().transition(pr.id(), PullRequestStatus.CLOSED,
                "closed without being merged", Actor.OPERATOR)).applied();
        if (now) {
            stopFollowUp(pr, "its PR was closed");
            managers.tell(pr.objectiveId(), "Bosun: PR #" + pr.number() + " \"" + pr.title() + "\" was closed without "
                    + "being merged, so Bosun will not push to it again. What now? If its work is still wanted, "
                    + "spawn a worker to redo or continue it and publish that as a new PR; if you do not know why it "
                    + "was closed, ask the operator (ask_user); if it is not needed, carry on without it.",
                    Actor.OPERATOR);
            wake.run();
        }
    }

    /** Engine thread: a PR closed earlier was reopened on its forge; pushes and follow-ups apply to it again. */
    void reopened(PullRequest pr) {
        engine.assertEngineThread();
        if (db.write(tx -> tx.pullRequests().transition(pr.id(), PullRequestStatus.OPEN, "reopened",
                Actor.OPERATOR)).applied()) {
            managers.tell(pr.objectiveId(), "Bosun: PR #" + pr.number() + " \"" + pr.title() + "\" was reopened. It "
                    + "is open again: update_pr pushes to it, and it can be merged.", Actor.OPERATOR);
            wake.run();
        }
    }

    /**
     * Queued after the current task, so the manager hears of the merge or close first, and a failed cancel (the
     * follow-up ended meanwhile) cannot undo telling it.
     */
    private void stopFollowUp(PullRequest pr, String why) {
        db.read(tx -> tx.sessions().liveFollowUp(pr.id())).ifPresent(f -> engine.onEngine(() ->
                cancellation.session(f.id(), why, Actor.OPERATOR)));
    }
}
