package dev.bosun.engine;

import dev.bosun.domain.Actor;
import dev.bosun.agent.AgentStartException;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.domain.Session;
import dev.bosun.domain.Target;
import dev.bosun.domain.Workspace;
import dev.bosun.domain.WorkspaceKind;
import dev.bosun.domain.WorkspaceStatus;
import dev.bosun.store.Database;
import dev.bosun.workspace.Checkout;
import dev.bosun.workspace.CheckoutFailed;
import dev.bosun.workspace.CheckoutPreparer;
import dev.bosun.workspace.WorkRoot;
import java.util.List;
import java.util.Optional;

/**
 * Where a session works: its ready checkout, or a new {@code <WorkRoot>/<sessionId>} prepared on its target. The
 * workspace row is written on the engine thread; the git work happens later, on an io thread, through the plan.
 */
final class SessionCheckouts {
    private final Database db;
    private final TargetExecutors executors;
    private final CheckoutPreparer preparer;

    SessionCheckouts(Database db, TargetExecutors executors, CheckoutPreparer preparer) {
        this.db = db;
        this.executors = executors;
        this.preparer = preparer;
    }

    /** How the session gets its checkout: reuse a ready one, or prepare {@code <WorkRoot>/<sessionId>}. */
    Optional<Plan> planFor(Session session) {
        var objective = db.read(tx -> tx.objectives().byId(session.objectiveId())).orElseThrow();
        if (objective.repository().isBlank() || (session.targetId() == null && session.workspaceId() == null)) {
            return Optional.empty();
        }
        if (session.workspaceId() != null) {
            var existing = db.read(tx -> tx.workspaces().byId(session.workspaceId()));
            if (existing.isPresent() && WorkspaceStatus.ON_DISK.contains(existing.get().status())) {
                String path = existing.get().path();
                return Optional.of(() -> path);
            }
        }
        Target target = db.read(tx -> tx.targets().byId(session.targetId())).orElseThrow();
        WorkRoot root = new WorkRoot(target.workRoot());
        // a PR's follow-up works on the PR's own branch, in a checkout of its own
        String prBranch = db.read(tx -> {
            Optional<String> pr = tx.sessions().followUpOf(session.id());
            return pr.isEmpty() ? null : tx.pullRequests().byId(pr.get()).map(p -> p.branch()).orElse(null);
        });
        String earlier = session.workspaceId();
        Workspace ws = db.write(tx -> {
            if (earlier != null && tx.workspaces().byId(earlier).filter(w -> w.sessionId().equals(session.id())
                    && !w.status().terminal()).isPresent()) {
                // a failed or interrupted attempt at the same path: the new clone clears the folder, so the old row
                // goes now (it must never be reclaimed later, when the folder is the new checkout)
                tx.workspaces().archive(earlier, "superseded by a fresh checkout", null, Actor.ENGINE);
            }
            Workspace w = tx.workspaces().create(objective.id(), session.id(), target.id(),
                    prBranch != null ? WorkspaceKind.PR_BRANCH : WorkspaceKind.ISOLATED,
                    root.checkoutOf(session.id()), objective.repository(), objective.baseBranch(),
                    prBranch != null ? prBranch : CheckoutPreparer.branchFor(session.role(), session.id()),
                            Actor.ENGINE);
            tx.sessions().bindWorkspace(session.id(), w.id());
            return w;
        });
        List<CheckoutPreparer.BuildOn> buildOn = new java.util.ArrayList<>();
        String elsewhere = db.read(tx -> {
            for (String dep : tx.sessions().dependencies(session.id())) {
                Session d = tx.sessions().byId(dep).orElseThrow();
                Optional<Workspace> w = d.workspaceId() == null ? Optional.empty()
                        : tx.workspaces().byId(d.workspaceId())
                                .filter(x -> WorkspaceStatus.ON_DISK.contains(x.status()));
                if (w.isEmpty()) {
                    // its checkout was reclaimed once its work was in a PR: build on the PR's branch, as the new
                    // checkout fetched it from the origin (a merged PR's work is in the base already)
                    tx.pullRequests().forObjective(d.objectiveId()).stream()
                            .filter(p -> dep.equals(p.sessionId()) && p.status() != PullRequestStatus.MERGED)
                            .reduce((a, b) -> b)
                            .ifPresent(p -> buildOn.add(new CheckoutPreparer.BuildOn(d.title(), ".",
                                    "refs/remotes/origin/" + p.branch())));
                    continue;
                }
                if (!w.get().targetId().equals(target.id())) {
                    return d.title();
                }
                buildOn.add(new CheckoutPreparer.BuildOn(d.title(), w.get().path(), w.get().branch()));
            }
            return null;
        });
        return Optional.of(() -> {
            if (elsewhere != null) {
                failed(ws, "the work of " + elsewhere + " is on another target");
                throw new AgentStartException("it depends on " + elsewhere + ", whose work is on another target: "
                        + "spawn it without a target, or on the same one.");
            }
            try {
                // git's progress (about once a second) on the workspace row and as the session's activity
                Checkout c = preparer.prepare(executors.forTarget(target), root, objective.repository(),
                        objective.baseBranch(), session.id(), session.role(), prBranch, buildOn,
                        progress -> db.write(tx -> {
                            tx.workspaces().setProgress(ws.id(), progress);
                            tx.sessions().setActivity(session.id(), "preparing its checkout: " + progress);
                            return null;
                        }));
                db.write(tx -> {
                    tx.workspaces().markReady(ws.id(), c.path(), c.branch(), c.baseRef(), c.baseSha(), Actor.ENGINE);
                    return null;
                });
                return c.path();
            } catch (CheckoutFailed e) {
                failed(ws, e.getMessage());
                throw new AgentStartException("its checkout failed. " + e.getMessage());
            } catch (InterruptedException | RuntimeException e) {
                failed(ws, "interrupted: " + e); // whatever it left is the GC's to reclaim
                throw e;
            }
        });
    }

    private void failed(Workspace ws, String why) {
        db.write(tx -> tx.workspaces().transition(ws.id(), WorkspaceStatus.FAILED, why, Actor.ENGINE));
    }

    /** Prepares (or finds) the checkout on an io thread; returns its path. */
    @FunctionalInterface
    interface Plan {
        String prepare() throws AgentStartException, InterruptedException;
    }
}
