package dev.bosun.engine;

import dev.bosun.domain.AgentKind;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.domain.Question;
import dev.bosun.domain.QuestionKind;
import dev.bosun.domain.QuestionStatus;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionMode;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.SupervisedObjective;
import dev.bosun.domain.SupervisedObjective.SessionView;
import dev.bosun.domain.SupervisorAction;
import dev.bosun.domain.StateSnapshot;
import dev.bosun.domain.SupervisorPolicy;
import dev.bosun.forge.ForgeException;
import dev.bosun.forge.Forges;
import dev.bosun.store.Database;
import dev.bosun.store.NewSession;
import dev.bosun.store.Transition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The single entry point through which the UI and the tools change the world. Each operation runs on the engine
 * thread, validates its input, records an audit event, and completes with a result or an {@link OperationRefused}
 * that says what was wrong; a refused operation changes nothing.
 */
public final class Operations {
    public static final String OPERATOR = "operator";

    private final Engine engine;
    private final Database db;
    private final Steering steering;
    private final SessionRunner runner;
    private final Supervisor supervisor;
    private final WorkspaceGc gc;
    private final TargetOperations targets;
    private final Forges forges;
    private final AgentKind defaultAgent;
    private PullRequestRefresh refresh;
    private final AgentProviders providers;
    private final java.util.function.Supplier<java.time.Instant> schedulerPass;
    private final Runnable wake;

    Operations(Engine engine, Database db, Steering steering, SessionRunner runner, Supervisor supervisor,
            WorkspaceGc gc, TargetExecutors executors, Forges forges, AgentProviders providers,
            java.util.function.Supplier<java.time.Instant> schedulerPass, Runnable wake) {
        this.engine = engine;
        this.db = db;
        this.steering = steering;
        this.runner = runner;
        this.supervisor = supervisor;
        this.gc = gc;
        this.targets = new TargetOperations(engine, db, executors, wake);
        this.forges = forges;
        this.providers = providers;
        this.schedulerPass = schedulerPass;
        this.defaultAgent = providers.preferred();
        this.wake = wake;
    }

    /** Creates an objective and queues its manager session. */
    public CompletableFuture<Objective> createObjective(ObjectiveDraft input) {
        return engine.onEngine(() -> {
            Map<String, String> problems = DraftCheck.problems(input);
            if (!problems.isEmpty()) {
                throw new OperationRefused("The objective was not created: " + String.join(" ", problems.values()),
                        problems);
            }
            ObjectiveDraft draft = new ObjectiveDraft(input.title(), input.prompt(),
                    DraftCheck.normalisedRepository(input.repository()), input.baseBranch(),
                    input.managerAgent() == null ? defaultAgent : input.managerAgent());
            providers.unavailable(draft.managerAgent()).ifPresent(why -> {
                throw new OperationRefused("The objective was not created: " + why);
            });
            return db.write(tx -> {
                Objective objective = tx.objectives().create(draft, OPERATOR);
                tx.sessions().create(new NewSession(objective.id(), null, SessionRole.MANAGER, draft.managerAgent(),
                        SessionMode.INTERACTIVE, "Manager: " + objective.title(), objective.prompt(), List.of()),
                        OPERATOR);
                return objective;
            });
        }).thenApply(o -> {
            wake.run();
            return o;
        });
    }

    /** What the status bar shows: is the loop alive, when did the GC last look. Safe from any thread. */
    public record EngineStatus(java.time.Instant lastSchedulerPass, java.time.Instant lastGcPass) {}

    public EngineStatus status() {
        return new EngineStatus(schedulerPass.get(), gc.lastPass());
    }

    /** The agent an objective gets when none is chosen: Claude Code if it is installed, else the demo agent. */
    public AgentKind defaultAgent() {
        return defaultAgent;
    }

    /** Cancels an objective with every session and question of it that has not ended. */
    public CompletableFuture<Objective> cancelObjective(String objectiveId, String reason) {
        return engine.onEngine(() -> db.write(tx -> {
            Objective objective = tx.objectives().byId(objectiveId)
                    .orElseThrow(() -> new OperationRefused("There is no objective " + objectiveId + "."));
            if (objective.status().terminal()) {
                throw new OperationRefused("Objective \"" + objective.title() + "\" has already "
                        + objective.status().wire() + "; there is nothing to cancel.");
            }
            String why = reason == null || reason.isBlank() ? "canceled by the operator" : reason;
            int sessions = 0;
            for (Session s : tx.sessions().forObjective(objectiveId)) {
                if (!s.status().terminal()) {
                    Transition<SessionStatus> t = tx.sessions().transition(s.id(), SessionStatus.CANCELED,
                            "objective canceled", OPERATOR);
                    sessions += t.applied() ? 1 : 0;
                    runner.stop(s.id());
                }
            }
            int questions = 0;
            for (var q : tx.questions().openFor(objectiveId)) {
                questions += tx.questions().transition(q.id(), QuestionStatus.CANCELED, "objective canceled",
                        OPERATOR).applied() ? 1 : 0;
            }
            tx.objectives().transition(objectiveId, ObjectiveStatus.CANCELED,
                    why + " (" + sessions + " sessions and " + questions + " questions canceled)", OPERATOR);
            return tx.objectives().byId(objectiveId).orElseThrow();
        }));
    }

    /** Pokes the objective's live manager now, bypassing the idle threshold and the cooldown. */
    public CompletableFuture<Void> forcePoke(String objectiveId) {
        return engine.onEngine(() -> {
            SupervisedObjective o = liveObjective(objectiveId);
            SessionView manager = liveManager(o).orElseThrow(() -> new OperationRefused("\"" + o.title()
                    + "\" has no live manager to poke. Approve a respawn to start a new one."));
            supervisor.apply(new SupervisorAction.Poke(o.id(), manager.id(), "poked by the operator"), OPERATOR);
            return null;
        });
    }

    /**
     * Grants {@code more} respawns past the budget, closes the escalation question, returns the objective to
     * active, and starts a new manager at once if none is live.
     */
    public CompletableFuture<Void> approveRespawn(String objectiveId, int more) {
        return engine.onEngine(() -> {
            if (more < 1 || more > 16) {
                throw new OperationRefused("Approve between 1 and 16 more respawns, not " + more + ".");
            }
            grantAndRespawn(liveObjective(objectiveId), more, null, "approved " + more + " more respawn"
                    + (more == 1 ? "" : "s"));
            return null;
        });
    }

    /**
     * Answers an open question. An agent's question reaches the agent that asked (at once if it is live, else when
     * it runs again). A free-text answer to a supervisor escalation means: continue with one more respawn, and give
     * the next manager this answer as an instruction.
     */
    public CompletableFuture<Void> answerQuestion(String questionId, String answer) {
        return engine.onEngine(() -> {
            String text = answer == null ? "" : answer.strip();
            if (text.isEmpty()) {
                throw new OperationRefused("The answer is empty. Write what the agent should know or do.");
            }
            Question q = openQuestion(questionId);
            if (q.kind() == QuestionKind.ESCALATION) {
                grantAndRespawn(liveObjective(q.objectiveId()), 1, text, "answered: continue with an instruction");
                return null;
            }
            Session asker = db.write(tx -> {
                tx.questions().answer(q.id(), text, OPERATOR);
                tx.objectives().activateIfNoQuestionOpen(q.objectiveId(), OPERATOR);
                return tx.sessions().byId(q.sessionId()).orElseThrow();
            });
            if (!asker.status().terminal()) {
                steering.deliver(asker.id(), "The operator answered your question \"" + q.text() + "\":\n" + text,
                        OPERATOR);
                resumeIfWaiting(asker.id());
            }
            return null;
        });
    }

    /** Applies the operator's choice for a supervisor escalation. */
    public CompletableFuture<Void> resolveEscalation(String questionId, EscalationChoice choice) {
        return engine.onEngine(() -> {
            Question q = openQuestion(questionId);
            if (q.kind() != QuestionKind.ESCALATION) {
                throw new OperationRefused("That question is from an agent, not a supervisor escalation; answer it.");
            }
            if (choice instanceof EscalationChoice.Continue c) {
                if (c.moreRespawns() < 1 || c.moreRespawns() > 16) {
                    throw new OperationRefused("Continue with between 1 and 16 more respawns, not "
                            + c.moreRespawns() + ".");
                }
                grantAndRespawn(liveObjective(q.objectiveId()), c.moreRespawns(), c.instruction(),
                        "continue with " + c.moreRespawns() + " more respawn" + (c.moreRespawns() == 1 ? "" : "s"));
            } else {
                db.write(tx -> tx.questions().answer(q.id(), "cancel the objective", OPERATOR));
                cancelObjective(q.objectiveId(), "canceled by the operator after an escalation");
            }
            return null;
        });
    }

    /** Called for an agent (through its tools): it asks the operator and waits. */
    public CompletableFuture<Question> askQuestion(String sessionId, String text) {
        return engine.onEngine(() -> db.write(tx -> {
            Session s = tx.sessions().byId(sessionId)
                    .orElseThrow(() -> new OperationRefused("There is no session " + sessionId + "."));
            if (text == null || text.isBlank()) {
                throw new OperationRefused("The question is empty.");
            }
            Question q = tx.questions().ask(s.objectiveId(), s.id(), QuestionKind.AGENT, 5, text.strip(), "",
                    s.id());
            tx.sessions().transition(s.id(), SessionStatus.WAITING_USER, "asked the operator", s.id());
            tx.objectives().transition(s.objectiveId(), ObjectiveStatus.WAITING_USER, "a question is open", s.id());
            return q;
        }));
    }

    /** The operator sends a session's agent a message: now if it runs, else when it next starts. */
    public CompletableFuture<Void> messageSession(String sessionId, String text) {
        return engine.onEngine(() -> {
            String body = text == null ? "" : text.strip();
            if (body.isEmpty()) {
                throw new OperationRefused("The message is empty.");
            }
            Session s = db.read(tx -> tx.sessions().byId(sessionId))
                    .orElseThrow(() -> new OperationRefused("There is no session " + sessionId + "."));
            if (s.status().terminal()) {
                throw new OperationRefused("Session \"" + s.title() + "\" has already " + s.status().wire()
                        + "; a message would reach nobody.");
            }
            steering.deliver(s.id(), "Message from the operator:\n" + body, OPERATOR);
            db.write(tx -> tx.audit().record(s.objectiveId(), s.id(), "operator_message", "message to \""
                    + s.title() + "\"", OPERATOR));
            return null;
        });
    }

    /** Cancels a session and every session it spawned, stopping their agents. */
    public CompletableFuture<Integer> cancelSession(String sessionId, String reason) {
        return engine.onEngine(() -> {
            String why = reason == null || reason.isBlank() ? "canceled by the operator" : reason;
            List<String> canceled = db.write(tx -> {
                Session root = tx.sessions().byId(sessionId)
                        .orElseThrow(() -> new OperationRefused("There is no session " + sessionId + "."));
                if (root.status().terminal()) {
                    throw new OperationRefused("Session \"" + root.title() + "\" has already "
                            + root.status().wire() + ".");
                }
                List<String> done = new ArrayList<>();
                Deque<Session> todo = new ArrayDeque<>(List.of(root));
                while (!todo.isEmpty()) {
                    Session s = todo.pop();
                    if (!s.status().terminal() && tx.sessions().transition(s.id(), SessionStatus.CANCELED,
                            s.id().equals(sessionId) ? why : "its parent was canceled", OPERATOR).applied()) {
                        done.add(s.id());
                        for (var q : tx.questions().openFor(s.objectiveId())) {
                            if (s.id().equals(q.sessionId())) {
                                tx.questions().transition(q.id(), QuestionStatus.CANCELED, "session canceled",
                                        OPERATOR);
                            }
                        }
                    }
                    todo.addAll(tx.sessions().children(s.id()));
                }
                tx.objectives().activateIfNoQuestionOpen(root.objectiveId(), OPERATOR);
                return done;
            });
            canceled.forEach(runner::stop);
            wake.run();
            return canceled.size();
        });
    }

    /** Engine thread: ends a live session's input, so its agent finishes its turn and exits. */
    void finishSession(String sessionId) {
        runner.finish(sessionId);
    }

    /**
     * Merges an open pull request into its base on its forge (a merge commit), marks it merged, and tells the
     * objective's live manager; with no live manager the supervisor respawns one, since a merge is progress.
     */
    public CompletableFuture<PullRequest> mergePullRequest(String pullRequestId) {
        return engine.onEngine(() -> {
            PullRequest pr = db.read(tx -> tx.pullRequests().byId(pullRequestId))
                    .orElseThrow(() -> new OperationRefused("There is no pull request " + pullRequestId + "."));
            if (pr.status() != PullRequestStatus.OPEN) {
                throw new OperationRefused("PR #" + pr.number() + " is " + pr.status().wire()
                        + "; only an open pull request can be merged.");
            }
            return pr;
        }).thenCompose(pr -> engine.onIo(() -> {
            try {
                return forges.of(pr).merge(pr, "Merge PR #" + pr.number() + ": " + pr.title());
            } catch (ForgeException e) {
                throw new OperationRefused(e.getMessage());
            }
        }).thenCompose(commit -> engine.onEngine(() -> recordMerged(pr, commit))));
    }

    /** How a refresh went: how many PRs were read, and what could not be, with the forge's reason. */
    public record RefreshReport(int refreshed, List<String> problems) {}

    /** Refreshes the open pull requests now (they are also refreshed every minute). */
    public CompletableFuture<RefreshReport> refreshPullRequests() {
        return refresh.refresh();
    }

    void useRefresh(PullRequestRefresh refresh) {
        this.refresh = refresh;
    }

    /**
     * Engine thread: the PR is merged (here, or found merged); its live manager is told, and a follow-up still
     * working on it is stopped. {@code how}: the merge commit, or which head was found merged where.
     */
    PullRequest recordMerged(PullRequest pr, String how) {
        boolean now = db.write(tx -> tx.pullRequests().transition(pr.id(), PullRequestStatus.MERGED, "merged as "
                + how, OPERATOR)).applied();
        if (now) {
            stopFollowUp(pr, "its PR was merged");
            db.read(tx -> tx.supervision().inFull(pr.objectiveId())).ifPresent(o -> tellManager(o.id(),
                    "Bosun: PR #" + pr.number() + " \"" + pr.title() + "\" was merged into " + pr.baseBranch()
                    + " (" + how + "). If the objective is complete, call mark_objective_done; otherwise continue."
                    + "\n\nWhere the objective stands:\n" + StateSnapshot.render(o)));
            wake.run();
        }
        return db.read(tx -> tx.pullRequests().byId(pr.id())).orElseThrow();
    }

    /**
     * Engine thread: the PR was closed without being merged (on its forge, or its branch deleted). Bosun will not
     * push to it; the manager is asked what now.
     */
    void recordClosed(PullRequest pr) {
        boolean now = db.write(tx -> tx.pullRequests().transition(pr.id(), PullRequestStatus.CLOSED,
                "closed without being merged", OPERATOR)).applied();
        if (now) {
            stopFollowUp(pr, "its PR was closed");
            tellManager(pr.objectiveId(), "Bosun: PR #" + pr.number() + " \"" + pr.title() + "\" was closed without "
                    + "being merged, so Bosun will not push to it again. What now? If its work is still wanted, "
                    + "spawn a worker to redo or continue it and publish that as a new PR; if you do not know why it "
                    + "was closed, ask the operator (ask_user); if it is not needed, carry on without it.");
            wake.run();
        }
    }

    /** Engine thread: a PR closed earlier was reopened on its forge; pushes and follow-ups apply to it again. */
    void recordReopened(PullRequest pr) {
        if (db.write(tx -> tx.pullRequests().transition(pr.id(), PullRequestStatus.OPEN, "reopened", OPERATOR))
                .applied()) {
            tellManager(pr.objectiveId(), "Bosun: PR #" + pr.number() + " \"" + pr.title() + "\" was reopened. It is "
                    + "open again: update_pr pushes to it, and it can be merged.");
            wake.run();
        }
    }

    /** Engine thread: delivers a message to the objective's live manager; false if it has none right now. */
    boolean tellManager(String objectiveId, String text) {
        return db.read(tx -> tx.supervision().inFull(objectiveId)).flatMap(Operations::liveManager)
                .map(m -> steering.deliver(m.id(), text, OPERATOR)).isPresent();
    }

    private void stopFollowUp(PullRequest pr, String why) {
        db.read(tx -> tx.sessions().liveFollowUp(pr.id())).ifPresent(f -> cancelSession(f.id(), why));
    }

    /** Runs a GC pass now (skipped if one is running); audited. */
    public CompletableFuture<WorkspaceGc.Report> runGcNow() {
        db.write(tx -> tx.audit().record(null, null, "gc_requested", "GC pass requested", OPERATOR));
        return gc.runNow();
    }

    /** What a GC pass would reclaim and keep, and why, without doing it. */
    public CompletableFuture<WorkspaceGc.Report> previewGc() {
        return gc.preview();
    }

    /** Target operations: add an SSH target, run the doctor, drain, enable, disable, set capacity. */
    public TargetOperations targets() {
        return targets;
    }

    private void grantAndRespawn(SupervisedObjective o, int more, String instruction, String how) {
        db.write(tx -> {
            tx.supervision().grantRespawns(o.id(), more);
            if (instruction != null && !instruction.isBlank()) {
                tx.supervision().setOperatorNote(o.id(), instruction);
            }
            for (Question q : tx.questions().openFor(o.id())) {
                if (q.kind() == QuestionKind.ESCALATION) {
                    tx.questions().answer(q.id(), how, OPERATOR);
                }
            }
            tx.objectives().activateIfNoQuestionOpen(o.id(), OPERATOR);
            tx.audit().record(o.id(), null, "respawn_approved", how, OPERATOR);
            return null;
        });
        SupervisedObjective now = liveObjective(o.id());
        if (liveManager(now).isEmpty()) {
            supervisor.apply(SupervisorPolicy.respawnNow(now, "respawned: " + how), OPERATOR);
        }
    }

    /** An answered session that waits: back to running if its process lives, else queued so it starts again. */
    private void resumeIfWaiting(String sessionId) {
        db.write(tx -> {
            Session s = tx.sessions().byId(sessionId).orElseThrow();
            if (s.status() == SessionStatus.WAITING_USER) {
                boolean live = runner.isLive(sessionId);
                tx.sessions().transition(sessionId, live ? SessionStatus.RUNNING : SessionStatus.QUEUED,
                        "the operator answered", OPERATOR);
            }
            return null;
        });
        wake.run();
    }

    private Question openQuestion(String questionId) {
        Question q = db.read(tx -> tx.questions().byId(questionId))
                .orElseThrow(() -> new OperationRefused("There is no question " + questionId + "."));
        if (q.status() != QuestionStatus.OPEN) {
            throw new OperationRefused("That question is already " + q.status().wire() + ".");
        }
        return q;
    }

    private SupervisedObjective liveObjective(String objectiveId) {
        return db.read(tx -> tx.supervision().inFull(objectiveId)).orElseThrow(() -> new OperationRefused(
                "Objective " + objectiveId + " does not exist or has already ended."));
    }

    static java.util.Optional<SessionView> liveManager(SupervisedObjective o) {
        return o.sessions().stream().filter(s -> s.role() == SessionRole.MANAGER && s.live())
                .max(SessionView.NEWEST_LAST);
    }
}
