package dev.bosun.engine;

import dev.bosun.domain.AuditType;
import dev.bosun.domain.Actor;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ChangedFile;
import dev.bosun.domain.ChecksState;
import dev.bosun.domain.FileVersions;
import dev.bosun.domain.PrFeedback;
import dev.bosun.domain.PullRequestChanges;
import dev.bosun.domain.ReviewComment;
import dev.bosun.domain.UnsafeText;
import dev.bosun.domain.MergeRequest;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.Question;
import dev.bosun.domain.QuestionKind;
import dev.bosun.domain.QuestionStatus;
import dev.bosun.domain.Session;
import dev.bosun.domain.Workspace;
import dev.bosun.domain.SessionMode;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.SupervisedObjective;
import dev.bosun.domain.SupervisedObjective.SessionView;
import dev.bosun.domain.SupervisorAction;
import dev.bosun.domain.SupervisorPolicy;
import dev.bosun.domain.SupervisorSettings;
import dev.bosun.forge.Forge;
import dev.bosun.forge.ForgeException;
import dev.bosun.forge.Forges;
import dev.bosun.store.Database;
import dev.bosun.store.NewSession;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The single entry point through which the UI and the tools change the world. Each operation runs on the engine
 * thread, validates its input, records an audit event, and completes with a result or an {@link OperationRefused}
 * that says what was wrong; a refused operation changes nothing.
 */
public final class Operations {
    private final Engine engine;
    private final Database db;
    private final Steering steering;
    private final LiveRuns runs;
    private final Supervisor supervisor;
    private final SupervisorSettings supervision;
    private final Cancellation cancellation;
    private final PullRequestLifecycle lifecycle;
    private final PullRequestRefresh refresh;
    private final WorkspaceGc gc;
    private final TargetOperations targets;
    private final Forges forges;
    private final AgentKind defaultAgent;
    private final AgentProviders providers;
    private final PullRequestPublisher publisher;
    private final PullRequestFollowUps followUps;
    private final java.util.function.Supplier<java.time.Instant> schedulerPass;
    private final Runnable wake;

    /** The engine's parts the operator acts through; built by {@link Orchestration} in dependency order. */
    record Parts(Steering steering, LiveRuns runs, Supervisor supervisor, SupervisorSettings supervision,
            Cancellation cancellation, PullRequestLifecycle lifecycle, PullRequestRefresh refresh, WorkspaceGc gc,
            TargetOperations targets, Forges forges, AgentProviders providers, PullRequestPublisher publisher,
            PullRequestFollowUps followUps, java.util.function.Supplier<java.time.Instant> schedulerPass) {}

    Operations(Engine engine, Database db, Parts parts, Runnable wake) {
        this.engine = engine;
        this.db = db;
        this.steering = parts.steering();
        this.runs = parts.runs();
        this.supervisor = parts.supervisor();
        this.supervision = parts.supervision();
        this.cancellation = parts.cancellation();
        this.lifecycle = parts.lifecycle();
        this.refresh = parts.refresh();
        this.gc = parts.gc();
        this.targets = parts.targets();
        this.forges = parts.forges();
        this.providers = parts.providers();
        this.publisher = parts.publisher();
        this.followUps = parts.followUps();
        this.schedulerPass = parts.schedulerPass();
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
                    input.managerAgent() == null ? defaultAgent : input.managerAgent(), input.maxManagers());
            providers.unavailable(draft.managerAgent(), db.read(tx -> tx.targets().agentsOfUsableTargets()))
                    .ifPresent(why -> {
                throw new OperationRefused("The objective was not created: " + why);
            });
            return db.write(tx -> {
                Objective objective = tx.objectives().create(draft, Actor.OPERATOR);
                tx.sessions().create(new NewSession(objective.id(), null, SessionRole.MANAGER, draft.managerAgent(),
                        SessionMode.INTERACTIVE, "Manager: " + objective.title(), objective.prompt(), List.of()),
                        Actor.OPERATOR);
                return objective;
            });
        }).thenApply(o -> {
            wake.run();
            return o;
        });
    }

    /** What the status bar shows: is the loop alive, when did the GC last look. Safe from any thread. */
    /** The loop's pulse, and how far a GC pass or a PR refresh under way is (null: none runs). */
    public record EngineStatus(java.time.Instant lastSchedulerPass, java.time.Instant lastGcPass, Progress gc,
            Progress prRefresh) {}

    public EngineStatus status() {
        return new EngineStatus(schedulerPass.get(), gc.lastPass(), gc.progress(), refresh.progress());
    }

    /** The supervisor's settings in force (the respawn budget the console shows). */
    public SupervisorSettings supervisorSettings() {
        return supervision;
    }

    /** The agent an objective gets when none is chosen: Claude Code if it is installed, else the demo agent. */
    public AgentKind defaultAgent() {
        return defaultAgent;
    }

    /** Cancels an objective with every session and question of it that has not ended. */
    public CompletableFuture<Objective> cancelObjective(String objectiveId, String reason) {
        return engine.onEngine(() -> cancellation.objective(objectiveId, reason, Actor.OPERATOR));
    }

    /** Pokes the objective's live manager now, bypassing the idle threshold and the cooldown. */
    public CompletableFuture<Void> forcePoke(String objectiveId) {
        return engine.onEngine(() -> {
            SupervisedObjective o = liveObjective(objectiveId);
            SessionView manager = ManagerChannel.liveManager(o).orElseThrow(() -> new OperationRefused("\"" + o.title()
                    + "\" has no live manager to poke. Approve a respawn to start a new one."));
            supervisor.apply(new SupervisorAction.Poke(o.id(), manager.id(), "poked by the operator"), Actor.OPERATOR);
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
                tx.questions().answer(q.id(), text, Actor.OPERATOR);
                tx.objectives().activateIfNoQuestionOpen(q.objectiveId(), Actor.OPERATOR);
                return tx.sessions().byId(q.sessionId()).orElseThrow();
            });
            if (!asker.status().terminal()) {
                steering.deliver(asker.id(), "The operator answered your question \"" + q.text() + "\":\n" + text,
                        Actor.OPERATOR);
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
                db.write(tx -> tx.questions().answer(q.id(), "cancel the objective", Actor.OPERATOR));
                cancelObjective(q.objectiveId(), "canceled by the operator after an escalation");
            }
            return null;
        });
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
            steering.deliver(s.id(), "Message from the operator:\n" + body, Actor.OPERATOR);
            db.write(tx -> tx.audit().record(s.objectiveId(), s.id(), AuditType.OPERATOR_MESSAGE, "message to \""
                    + s.title() + "\"", Actor.OPERATOR));
            return null;
        });
    }

    /** Cancels a session and every session it spawned, stopping their agents. */
    public CompletableFuture<Integer> cancelSession(String sessionId, String reason) {
        return engine.onEngine(() -> cancellation.session(sessionId, reason, Actor.OPERATOR));
    }

    /** Merges an open pull request into its base on its forge (a merge commit); see {@link PullRequestLifecycle}. */
    public CompletableFuture<PullRequest> mergePullRequest(String pullRequestId) {
        return mergePullRequest(pullRequestId, MergeRequest.PLAIN);
    }

    /**
     * Merges as the operator decided, seeing the PR: refused if its head moved since ({@code expectedHead}), if it
     * conflicts with its base (naming the files), or if its checks fail unless {@code despiteFailingChecks}.
     */
    public CompletableFuture<PullRequest> mergePullRequest(String pullRequestId, MergeRequest request) {
        return engine.onEngine(() -> {
            PullRequest pr = db.read(tx -> tx.pullRequests().byId(pullRequestId))
                    .orElseThrow(() -> new OperationRefused("There is no pull request " + pullRequestId + "."));
            if (!pr.status().mergeable()) {
                throw new OperationRefused("PR #" + pr.number() + " is " + pr.status().wire()
                        + "; only an open pull request can be merged.");
            }
            if (request.expectedHead() != null && !request.expectedHead().equals(pr.headSha())) {
                throw new OperationRefused("PR #" + pr.number() + " changed since you looked: its head is now "
                        + shortSha(pr.headSha()) + ", not " + shortSha(request.expectedHead()) + ". Look at the new "
                        + "commits, then merge again.");
            }
            var state = db.read(tx -> tx.pullRequests().mergeState(pr.id()));
            if ("conflicting".equals(state.mergeable())) {
                throw new OperationRefused("PR #" + pr.number() + " conflicts with " + pr.baseBranch()
                        + (state.conflictFiles().isBlank() ? "" : " in " + state.conflictFiles())
                        + ": it cannot be merged. Ask its manager for a follow-up that resolves the conflict.");
            }
            if (pr.checks() == ChecksState.FAILING && !request.despiteFailingChecks()) {
                throw new OperationRefused("PR #" + pr.number() + "'s checks fail. Merge it anyway only by saying so"
                        + " (the console's \"merge although checks fail\"; merge_pr's despite_failing_checks=yes).");
            }
            return pr;
        }).thenCompose(pr -> engine.onIo(() -> {
            try {
                return forges.of(pr).merge(pr, "Merge PR #" + pr.number() + ": " + pr.title(), request.method());
            } catch (ForgeException e) {
                throw new OperationRefused(e.getMessage());
            }
        }).thenCompose(commit -> engine.onEngine(() -> lifecycle.merged(pr, commit))));
    }

    /** What a pull request changes, file by file, as its forge shows it (asked now, on an io thread). */
    public CompletableFuture<PullRequestChanges> pullRequestChanges(String pullRequestId) {
        return engine.onEngine(() -> pullRequest(pullRequestId)).thenCompose(pr -> engine.onIo(() -> {
            try {
                return forges.of(pr).changes(pr);
            } catch (ForgeException e) {
                throw new OperationRefused("The changes of PR #" + pr.number() + " could not be read: "
                        + e.getMessage());
            }
        }));
    }

    /** One changed file's text before and after, to show its diff; a binary or too large file says so instead. */
    public CompletableFuture<FileVersions> fileVersions(String pullRequestId, PullRequestChanges changes,
            ChangedFile file) {
        return engine.onEngine(() -> pullRequest(pullRequestId)).thenCompose(pr -> engine.onIo(() -> {
            if (file.binary()) {
                return FileVersions.unshown(file, file.path() + " is a binary file.");
            }
            try {
                Forge forge = forges.of(pr);
                String before = file.onBase() ? forge.file(pr, changes.baseCommit(), file.previousPath()).orElse("")
                        : "";
                String after = file.atHead() ? forge.file(pr, changes.headCommit(), file.path()).orElse("") : "";
                return before.indexOf('\0') >= 0 || after.indexOf('\0') >= 0
                        ? FileVersions.unshown(file, file.path() + " is a binary file.")
                        : new FileVersions(file, before, after, null);
            } catch (ForgeException e) {
                return FileVersions.unshown(file, e.getMessage());
            }
        }));
    }

    /**
     * The operator's review comment (on a line, or on the whole PR) becomes feedback for a follow-up worker on the
     * PR's branch, started now if none is working on it, else handed to the next one; audited.
     */
    public CompletableFuture<Void> commentOnPullRequest(String pullRequestId, ReviewComment comment) {
        return engine.onEngine(() -> {
            PullRequest pr = pullRequest(pullRequestId);
            if (!pr.status().awaitingReview()) {
                throw new OperationRefused("PR #" + pr.number() + " is " + pr.status().wire() + "; only an open "
                        + "pull request takes review comments.");
            }
            if (comment.body() == null || comment.body().isBlank()) {
                throw new OperationRefused("The comment is empty: say what the worker should change.");
            }
            UnsafeText.find(comment.body(), true).ifPresent(why -> {
                throw new OperationRefused("The comment has " + why + "; take it out.");
            });
            // stored feedback that no worker would ever take is refused, not kept as if sent
            if (db.read(tx -> tx.objectives().byId(pr.objectiveId())).orElseThrow().status().terminal()) {
                throw new OperationRefused("PR #" + pr.number() + "'s objective has ended: no worker takes a comment "
                        + "now. Merge or close the PR, or start a new objective for the change.");
            }
            if (db.read(tx -> tx.sessions().followUpCount(pr.id())) >= PullRequestFollowUps.MAX_FOLLOW_UPS) {
                throw new OperationRefused("PR #" + pr.number() + " had " + PullRequestFollowUps.MAX_FOLLOW_UPS
                        + " follow-ups already, so its manager decides what next: message the manager instead.");
            }
            db.write(tx -> {
                tx.pullRequests().addFeedback(pr.id(), new PrFeedback("operator:" + java.util.UUID.randomUUID(),
                        PrFeedback.COMMENT, comment.feedbackText()));
                return tx.audit().record(pr.objectiveId(), null, AuditType.PR_COMMENT, "the operator reviewed PR #"
                        + pr.number() + (comment.path() == null ? "" : " on " + UnsafeText.visible(comment.path())
                        + (comment.line() == null ? "" : ":" + comment.line())), Actor.OPERATOR);
            });
            followUps.startIfNeeded(pr.id());
            wake.run();
            return null;
        });
    }

    private PullRequest pullRequest(String id) {
        return db.read(tx -> tx.pullRequests().byId(id))
                .orElseThrow(() -> new OperationRefused("There is no pull request " + id + "."));
    }

    private static String shortSha(String sha) {
        return sha == null || sha.length() < 12 ? String.valueOf(sha) : sha.substring(0, 12);
    }

    /** Refreshes the open pull requests now (they are also refreshed every minute). */
    public CompletableFuture<RefreshReport> refreshPullRequests() {
        return refresh.refresh();
    }

    /** Runs a GC pass now (skipped if one is running); audited. */
    public CompletableFuture<WorkspaceGc.Report> runGcNow() {
        return engine.onEngine(() -> db.write(tx -> tx.audit().record(null, null, AuditType.GC_REQUESTED,
                "GC pass requested", Actor.OPERATOR))).thenCompose(seq -> gc.runNow());
    }

    /** What a GC pass would reclaim and keep, and why, without doing it. */
    public CompletableFuture<WorkspaceGc.Report> previewGc() {
        return gc.preview();
    }

    /** The operator discards a kept checkout's work, with a reason; it is deleted and its worker's work discarded. */
    public CompletableFuture<Void> discardWorkspace(String workspaceId, String reason) {
        return gc.discard(workspaceId, reason);
    }

    /**
     * The operator publishes the work a kept checkout holds as a pull request of its objective (the branch of a
     * worker that ended, succeeded or not); its manager hears of it through the PR's events like any other.
     */
    public CompletableFuture<PullRequest> publishWorkspace(String workspaceId, String title) {
        return engine.onEngine(() -> {
            Workspace ws = db.read(tx -> tx.workspaces().byId(workspaceId)).orElseThrow(() ->
                    new OperationRefused("That checkout is gone."));
            Session owner = ws.sessionId() == null ? null : db.read(tx -> tx.sessions().byId(ws.sessionId()))
                    .orElse(null);
            if (owner == null || owner.role() == SessionRole.MANAGER || !owner.status().terminal()) {
                throw new OperationRefused("Only the checkout of a worker that has ended can be published from here"
                        + (owner != null && !owner.status().terminal() ? ": " + owner.title() + " is still "
                                + owner.status().wire() + "." : "."));
            }
            String name = title == null || title.isBlank() ? "Work of " + owner.title() : title.strip();
            return publisher.plan(Actor.OPERATOR, owner, name, "Published by the operator from a kept checkout.");
        }).thenCompose(plan -> engine.onIo(plan::push)).thenCompose(pushed -> engine.onEngine(() -> {
            PullRequest pr = db.write(pushed.recording());
            wake.run();
            return pr;
        }));
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
                    tx.questions().answer(q.id(), how, Actor.OPERATOR);
                }
            }
            tx.objectives().activateIfNoQuestionOpen(o.id(), Actor.OPERATOR);
            tx.supervision().recordAction(o.id()); // the supervisor looks again only after a cooldown
            tx.audit().record(o.id(), null, AuditType.RESPAWN_APPROVED, how, Actor.OPERATOR);
            return null;
        });
        SupervisedObjective now = liveObjective(o.id());
        var manager = ManagerChannel.liveManager(now);
        if (manager.isEmpty()) {
            supervisor.apply(SupervisorPolicy.respawnNow(now, "respawned: " + how), Actor.OPERATOR);
        } else if (instruction != null && !instruction.isBlank()) {
            // a live manager that ignored its pokes hears the instruction now; the next one gets it in its goal
            steering.deliver(manager.get().id(), "Instruction from the operator:\n" + instruction.strip(),
                    Actor.OPERATOR);
        }
    }

    /** An answered session that waits: back to running if its process lives, else queued so it starts again. */
    private void resumeIfWaiting(String sessionId) {
        db.write(tx -> {
            Session s = tx.sessions().byId(sessionId).orElseThrow();
            if (s.status() == SessionStatus.WAITING_USER) {
                boolean live = runs.isLive(sessionId);
                tx.sessions().transition(sessionId, live ? SessionStatus.RUNNING : SessionStatus.QUEUED,
                        "the operator answered", Actor.OPERATOR);
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
}
