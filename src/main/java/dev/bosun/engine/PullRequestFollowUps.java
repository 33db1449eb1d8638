package dev.bosun.engine;

import dev.bosun.domain.AuditType;
import dev.bosun.domain.Actor;
import dev.bosun.domain.ManagerNotice;
import dev.bosun.domain.PrFeedback;
import dev.bosun.domain.StateSnapshot;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionMode;
import dev.bosun.domain.SessionRole;
import dev.bosun.store.Database;
import dev.bosun.store.NewSession;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Starts a follow-up worker when a PR has feedback no follow-up was handed yet (failing checks, review comments, a
 * conflict with its base): at most one live follow-up per PR, on a fresh checkout of the PR's branch, with the
 * feedback's own text in its task. Feedback that arrives while one works waits for the next refresh after it ends.
 * After {@link #MAX_FOLLOW_UPS} follow-ups of one PR the manager is told, once, and no more start.
 */
final class PullRequestFollowUps {
    /** Follow-ups one PR may get; past that its manager decides (a fix that keeps failing must not loop forever). */
    static final int MAX_FOLLOW_UPS = 5;

    private final Engine engine;
    private final Database db;
    private final ManagerChannel managers;
    private final PullRequestUpdater updater;
    private final AgentProviders providers;
    private final Runnable wake;
    private final java.util.Set<String> limitReached = new java.util.HashSet<>(); // engine thread only
    /** PRs a succeeded follow-up's commits are being pushed to: no new follow-up starts from the old head meanwhile. */
    private final java.util.Set<String> pushing = new java.util.HashSet<>(); // engine thread only

    PullRequestFollowUps(Engine engine, Database db, ManagerChannel managers, PullRequestUpdater updater,
            AgentProviders providers, Runnable wake) {
        this.engine = engine;
        this.db = db;
        this.managers = managers;
        this.updater = updater;
        this.providers = providers;
        this.wake = wake;
    }

    /** Engine thread. Returns the follow-up it started, if it started one. */
    Optional<Session> startIfNeeded(String pullRequestId) {
        engine.assertEngineThread();
        Optional<Session> started = db.write(tx -> {
            PullRequest pr = tx.pullRequests().byId(pullRequestId).orElseThrow();
            if (!pr.isOpen() || tx.objectives().byId(pr.objectiveId()).orElseThrow().status().terminal()
                    || tx.sessions().liveFollowUp(pr.id()).isPresent() || pushing.contains(pr.id())) {
                return Optional.<Session>empty();
            }
            List<PrFeedback> items = tx.pullRequests().unhandledFeedback(pr.id());
            if (items.isEmpty()) {
                return Optional.<Session>empty();
            }
            if (tx.sessions().followUpCount(pr.id()) >= MAX_FOLLOW_UPS) {
                // follow-ups that keep producing new heads and new failures would loop forever: a person decides
                String limit = "PR #" + pr.number() + " had " + MAX_FOLLOW_UPS + " follow-ups";
                boolean told = tx.audit().forObjective(pr.objectiveId()).stream()
                        .anyMatch(e -> e.type().equals(AuditType.FOLLOW_UP_LIMIT.wire()) && e.summary().startsWith(limit));
                if (!told) {
                    limitReached.add(pr.id());
                }
                return Optional.<Session>empty();
            }
            Optional<Session> manager = tx.sessions().forObjective(pr.objectiveId()).stream()
                    .filter(s -> s.role() == SessionRole.MANAGER).reduce((a, b) -> b);
            var hostAgents = tx.targets().agentsOfUsableTargets();
            var agent = manager.map(Session::agent).filter(k -> providers.unavailable(k, hostAgents).isEmpty())
                    .orElse(providers.preferred());
            Session s = tx.sessions().create(new NewSession(pr.objectiveId(), manager.map(Session::id).orElse(null),
                    SessionRole.FOLLOW_UP, agent, agent.readsInput() ? SessionMode.INTERACTIVE
                    : SessionMode.NON_INTERACTIVE, "Follow-up: PR #" + pr.number(), task(pr, items), List.of()),
                    Actor.ENGINE);
            tx.sessions().markFollowUp(s.id(), pr.id());
            tx.pullRequests().markFeedbackHandled(pr.id(), s.id());
            tx.audit().record(pr.objectiveId(), s.id(), AuditType.FOLLOW_UP_STARTED, "PR #" + pr.number() + ": "
                    + summary(items), Actor.ENGINE);
            return Optional.of(s);
        });
        if (limitReached.remove(pullRequestId)) {
            PullRequest pr = db.read(tx -> tx.pullRequests().byId(pullRequestId)).orElseThrow();
            // recorded only once the manager has heard it: without a live manager, the next refresh tries again
            if (managers.tell(pr.objectiveId(), "Bosun: PR #" + pr.number() + " \"" + pr.title() + "\" had "
                    + MAX_FOLLOW_UPS + " follow-ups and still gets new feedback, so Bosun starts no more for it: "
                    + "the same failure may be coming back. Look at it yourself (the checks and comments are on the "
                    + "PR), fix it with a worker and update_pr, or ask the operator.", Actor.OPERATOR)) {
                db.write(tx -> {
                    tx.audit().record(pr.objectiveId(), null, AuditType.FOLLOW_UP_LIMIT, "PR #" + pr.number() + " had "
                            + MAX_FOLLOW_UPS + " follow-ups; no more are started", Actor.ENGINE);
                    return null;
                });
            }
        }
        started.ifPresent(s -> {
            PullRequest pr = db.read(tx -> tx.pullRequests().byId(pullRequestId)).orElseThrow();
            managers.tell(pr.objectiveId(), "Bosun: PR #" + pr.number() + " \"" + pr.title() + "\" got "
                    + summary(db.read(tx -> tx.pullRequests().feedbackOf(s.id()))) + ". Follow-up worker " + s.id()
                    + " is addressing it on the PR's branch; you will be told when it ends.", Actor.OPERATOR);
            wake.run();
        });
        return started;
    }

    /**
     * Engine thread: a follow-up succeeded, so its commits go to its PR (a fast-forward, never forced); then its
     * manager hears what it did and whether it was pushed. False if the session is no follow-up.
     */
    boolean pushWork(String sessionId) {
        engine.assertEngineThread();
        Optional<PullRequest> followed = db.read(tx -> {
            Optional<String> id = tx.sessions().followUpOf(sessionId);
            return id.isEmpty() ? Optional.<PullRequest>empty() : tx.pullRequests().byId(id.get());
        });
        if (followed.isEmpty()) {
            return false;
        }
        PullRequest pr = followed.get();
        pushing.add(pr.id());
        updater.update(pr.objectiveId(), Actor.ENGINE, new PullRequestUpdater.Request(pr.number(), sessionId, null,
                null, null, null)).whenComplete((updated, error) -> engine.onEngine(() -> {
                    pushing.remove(pr.id());
                    Session f = db.read(tx -> tx.sessions().byId(sessionId)).orElseThrow();
                    String why = error == null ? null : (error.getCause() != null ? error.getCause() : error)
                            .getMessage();
                    String snapshot = db.read(tx -> tx.supervision().inFull(pr.objectiveId()))
                            .map(StateSnapshot::render).orElse("");
                    if (managers.tell(pr.objectiveId(), ManagerNotice.followUpDone(sessionId, pr.number(),
                            f.resultSummary(), updated == null ? null : updated.headSha(), why, snapshot),
                            Actor.OPERATOR)) {
                        db.write(tx -> {
                            tx.audit().record(pr.objectiveId(), sessionId, AuditType.MANAGER_NOTIFIED,
                                    "manager told that a follow-up ended", Actor.ENGINE);
                            return null;
                        });
                    }
                    return null;
                }));
        return true;
    }

    /** Engine thread: how many follow-ups' pushes are under way. */
    int pushesInFlight() {
        engine.assertEngineThread();
        return pushing.size();
    }

    /** The follow-up's task: what to fix, quoted from the forge, and how its work gets onto the PR. */
    static String task(PullRequest pr, List<PrFeedback> items) {
        return "Pull request #" + pr.number() + " \"" + pr.title() + "\" (branch " + pr.branch() + " into "
                + pr.baseBranch() + ") needs more work. Your checkout is on its branch, at its current head.\n"
                + "Address every item below: reproduce each failure, fix the cause, run the tests, and commit. Do not "
                + "push: when you succeed, Bosun pushes your commits to the pull request. Then report what you changed "
                + "with report_result.\n\n"
                        + items.stream().map(PrFeedback::text).collect(Collectors.joining("\n\n---\n\n"));
    }

    /** "1 failing check, 2 review comments and a merge conflict". */
    private static String summary(List<PrFeedback> items) {
        List<String> parts = new java.util.ArrayList<>();
        long checks = items.stream().filter(i -> i.kind().equals(PrFeedback.CHECK)).count();
        long comments = items.stream().filter(i -> i.kind().equals(PrFeedback.COMMENT)).count();
        if (checks > 0) {
            parts.add(checks + " failing check" + (checks == 1 ? "" : "s"));
        }
        if (comments > 0) {
            parts.add(comments + " review comment" + (comments == 1 ? "" : "s"));
        }
        if (items.stream().anyMatch(i -> i.kind().equals(PrFeedback.CONFLICT))) {
            parts.add("a merge conflict");
        }
        return parts.size() == 1 ? parts.get(0) : String.join(", ", parts.subList(0, parts.size() - 1)) + " and "
                + parts.get(parts.size() - 1);
    }
}
