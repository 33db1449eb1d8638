package dev.bosun.engine;

import dev.bosun.domain.AuditType;
import dev.bosun.domain.Actor;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.Question;
import dev.bosun.domain.QuestionKind;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionMode;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.Target;
import dev.bosun.domain.TargetStatus;
import dev.bosun.domain.TranscriptKind;
import dev.bosun.domain.TranscriptSource;
import dev.bosun.store.Database;
import dev.bosun.store.NewSession;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What agents do through their tools. Every call names the calling session (the tool server knows it from the
 * caller's token, never from the arguments), and each operation checks that the caller may act on what it names:
 * a manager only on its own objective's workers, a worker only on itself. A refusal is an {@link OperationRefused}
 * with a message the agent can act on.
 */
public final class AgentOperations {
    private final Engine engine;
    private final Database db;
    private final Steering steering;
    private final LiveRuns runs;
    private final Cancellation cancellation;
    private final UnpublishedWork unpublished;
    private final PullRequestPublisher publisher;
    private final PullRequestUpdater updater;
    private final AgentProviders providers;
    private final Runnable wake;

    AgentOperations(Engine engine, Database db, Steering steering, LiveRuns runs, Cancellation cancellation,
            UnpublishedWork unpublished, PullRequestPublisher publisher, PullRequestUpdater updater,
            AgentProviders providers, Runnable wake) {
        this.engine = engine;
        this.db = db;
        this.steering = steering;
        this.runs = runs;
        this.cancellation = cancellation;
        this.unpublished = unpublished;
        this.publisher = publisher;
        this.updater = updater;
        this.providers = providers;
        this.wake = wake;
    }

    /** What a manager asks for when it spawns a worker; optional fields may be null. */
    public record WorkerRequest(String title, String task, SessionRole role, List<String> dependsOn, String target,
            List<String> labels, AgentKind agent) {
        public WorkerRequest {
            labels = labels == null ? List.of() : List.copyOf(labels);
        }
    }

    /** A manager queues a worker in its objective. */
    public CompletableFuture<Session> spawnWorker(String callerId, WorkerRequest request) {
        return engine.onEngine(() -> {
            Session manager = liveCaller(callerId, SessionRole.MANAGER);
            AgentKind agent = request.agent() == null ? manager.agent() : request.agent();
            providers.unavailable(agent, db.read(tx -> tx.targets().agentsOfUsableTargets())).ifPresent(why -> {
                throw new OperationRefused(why + " Leave agent out to use your own kind.");
            });
            Session worker = db.write(tx -> {
                List<String> dependsOn = request.dependsOn() == null ? List.of() : request.dependsOn();
                for (String dep : new HashSet<>(dependsOn)) {
                    Optional<Session> d = tx.sessions().byId(dep);
                    if (d.isEmpty() || !d.get().objectiveId().equals(manager.objectiveId())
                            || d.get().role() == SessionRole.MANAGER) {
                        throw new OperationRefused("depends_on names " + dep + ", which is not a worker of this "
                                + "objective. Use the ids that spawn_worker or list_workers gave you.");
                    }
                }
                String targetId = null;
                if (request.target() != null) {
                    Target t = tx.targets().byName(request.target()).orElseThrow(() -> new OperationRefused(
                            "There is no target \"" + request.target() + "\". Leave target out to let Bosun choose."));
                    if (!TargetStatus.ASSIGNABLE.contains(t.status())) {
                        throw new OperationRefused("Target \"" + t.name() + "\" is " + t.status().wire()
                                + ". Leave target out.");
                    }
                    targetId = t.id();
                } else if (!request.labels().isEmpty()) {
                    targetId = labelled(tx.targets().all(), request.labels()).id();
                }
                SessionRole role = request.role() == null ? SessionRole.WORKER : request.role();
                // an agent that reads input while it runs stays up to hear answers; others are resumed with them
                SessionMode mode = agent.readsInput() ? SessionMode.INTERACTIVE : SessionMode.NON_INTERACTIVE;
                Session s = tx.sessions().create(new NewSession(manager.objectiveId(), manager.id(), role, agent, mode,
                        request.title(), request.task(), dependsOn), Actor.session(manager.id()));
                if (targetId != null) {
                    tx.sessions().bindTarget(s.id(), targetId);
                }
                return tx.sessions().byId(s.id()).orElseThrow();
            });
            wake.run();
            return worker;
        });
    }

    /** The caller's objective's workers, oldest first. */
    public CompletableFuture<List<Session>> listWorkers(String callerId) {
        return engine.onEngine(() -> {
            Session manager = liveCaller(callerId, SessionRole.MANAGER);
            return db.read(tx -> tx.sessions().forObjective(manager.objectiveId())).stream()
                    .filter(s -> s.role() != SessionRole.MANAGER).toList();
        });
    }

    /** A manager sends one of its workers a message (delivered now if it runs, else when it next starts). */
    public CompletableFuture<Void> messageWorker(String callerId, String workerId, String text) {
        return engine.onEngine(() -> {
            Session worker = ownWorker(liveCaller(callerId, SessionRole.MANAGER), workerId);
            if (worker.status().terminal()) {
                throw new OperationRefused("Worker " + workerId + " has already " + worker.status().wire()
                        + "; spawn a new worker to continue its work.");
            }
            steering.deliver(worker.id(), text, Actor.session(callerId));
            return null;
        });
    }

    /** A manager cancels one of its workers and whatever that worker spawned. */
    public CompletableFuture<Integer> cancelWorker(String callerId, String workerId, String reason) {
        return engine.onEngine(() -> cancellation.session(ownWorker(liveCaller(callerId, SessionRole.MANAGER),
                workerId).id(), reason == null || reason.isBlank() ? "canceled by its manager"
                        : "canceled by its manager: " + reason, Actor.session(callerId)));
    }

    /** A manager publishes a worker's branch as a pull request. */
    public CompletableFuture<PullRequest> publishPr(String callerId, String workerId, String title, String body) {
        return busy(callerId, () -> engine.onEngine(() -> {
            Session manager = liveCaller(callerId, SessionRole.MANAGER);
            Session worker = ownWorker(manager, workerId);
            if (worker.status() != SessionStatus.SUCCEEDED) {
                throw new OperationRefused("Worker " + workerId + " is " + worker.status().wire()
                        + "; publish a worker's branch once it has succeeded.");
            }
            return publisher.plan(Actor.session(manager.id()), worker, title, body);
        }).thenCompose(plan -> engine.onIo(plan::push)).thenCompose(pushed -> engine.onEngine(() -> {
            PullRequest pr = db.write(pushed.recording());
            wake.run();
            return pr;
        })));
    }

    /**
     * A tool call that may take minutes with no output (git over SSH, a forge): its caller counts as busy, not
     * quiet, until it returns, and is busy with the answer from then on.
     */
    <T> CompletableFuture<T> busy(String callerId, java.util.function.Supplier<CompletableFuture<T>> call) {
        return engine.onEngine(() -> {
            runs.toolCallBegins(callerId);
            return null;
        }).thenCompose(begun -> call.get()).whenComplete((result, error) -> engine.onEngine(() -> {
            runs.toolCallEnds(callerId);
            db.write(tx -> {
                tx.sessions().recordInput(callerId);
                return null;
            });
            return null;
        }));
    }

    /**
     * A manager updates one of its objective's open PRs: pushes a succeeded worker's new commits to it (forcing only
     * with a recorded reason), edits its title or description, comments on it.
     */
    public CompletableFuture<PullRequest> updatePr(String callerId, int number, String workerId, String title,
            String body, String forceReason, String comment) {
        return busy(callerId, () -> engine.onEngine(() -> liveCaller(callerId, SessionRole.MANAGER))
                .thenCompose(manager -> updater.update(manager.objectiveId(), Actor.session(manager.id()),
                        new PullRequestUpdater.Request(number, workerId, title, body, forceReason, comment))));
    }

    /**
     * A manager ends its objective. Refused while a pull request of it is open, any worker still runs, or a succeeded
     * worker holds work that is in no pull request (publish it, or discard it with discard_work).
     */
    public CompletableFuture<Void> markObjectiveDone(String callerId, String summary) {
        return busy(callerId, () -> engine.onEngine(() -> {
            Session manager = liveCaller(callerId, SessionRole.MANAGER);
            refuseWhileWorkIsOpen(manager);
            return unpublished.candidates(manager.objectiveId());
        }).thenCompose(candidates -> engine.onIo(() -> unpublished.probe(candidates))
                .thenCompose(found -> engine.onEngine(() -> done(callerId, summary, candidates, found)))));
    }

    /** Engine thread: ends the objective, unless something came up while its checkouts were examined. */
    private Void done(String callerId, String summary, List<UnpublishedWork.Candidate> examined,
            List<String> unpublishedWork) {
        engine.assertEngineThread();
        Session manager = liveCaller(callerId, SessionRole.MANAGER);
        if (!unpublishedWork.isEmpty()) {
            throw new OperationRefused("The objective cannot end while succeeded work is in no pull request: "
                    + String.join("; ", unpublishedWork) + ". Publish it with publish_pr, or, if it is not wanted, "
                    + "discard it with discard_work and a reason. A checkout that could not be checked may be on "
                    + "a target that is down: try again later, or ask_user.");
        }
        refuseWhileWorkIsOpen(manager); // again: the checkouts were examined on another thread
        List<String> seen = examined.stream().map(c -> c.worker().id()).toList();
        if (unpublished.candidates(manager.objectiveId()).stream().anyMatch(c -> !seen.contains(c.worker().id()))) {
            throw new OperationRefused("A worker finished while its work was being checked: call mark_objective_done"
                    + " again.");
        }
        db.write(tx -> {
            String why = summary == null || summary.isBlank() ? "marked done by its manager" : summary;
            tx.objectives().transition(manager.objectiveId(), ObjectiveStatus.SUCCEEDED, why,
                    Actor.session(callerId));
            tx.sessions().reportResult(manager.id(), why);
            return null;
        });
        // the manager's work is over: end its input so it finishes its turn and exits
        runs.finish(manager.id());
        return null;
    }

    /**
     * A manager discards a succeeded worker's unpublished work, with a reason: the objective may then end without it.
     * The checkout is kept as it is (the GC keeps commits found nowhere else); the reason is in the audit trail.
     */
    public CompletableFuture<Void> discardWork(String callerId, String workerId, String reason) {
        return engine.onEngine(() -> {
            Session worker = ownWorker(liveCaller(callerId, SessionRole.MANAGER), workerId);
            if (reason == null || reason.isBlank()) {
                throw new OperationRefused("Say why the work of " + workerId + " is not wanted: the reason is "
                        + "recorded for the operator.");
            }
            if (!worker.status().terminal()) {
                throw new OperationRefused("Worker " + workerId + " is still " + worker.status().wire()
                        + "; cancel it with cancel_worker instead.");
            }
            db.write(tx -> {
                tx.sessions().discardWork(worker.id(), reason.strip());
                tx.audit().record(worker.objectiveId(), worker.id(), AuditType.WORK_DISCARDED, "work of \""
                        + worker.title() + "\" discarded by its manager: " + reason.strip(), Actor.session(callerId));
                return null;
            });
            return null;
        });
    }

    private void refuseWhileWorkIsOpen(Session manager) {
        db.read(tx -> {
            for (PullRequest pr : tx.pullRequests().forObjective(manager.objectiveId())) {
                if (pr.status().awaitingReview()) {
                    throw new OperationRefused("PR #" + pr.number() + " \"" + pr.title() + "\" is still "
                            + pr.status().wire() + ". The objective is done when its PRs are merged or closed; "
                            + "you will be told when that happens.");
                }
            }
            for (Session s : tx.sessions().forObjective(manager.objectiveId())) {
                if (s.role() != SessionRole.MANAGER && !s.status().terminal()) {
                    throw new OperationRefused("Worker " + s.id() + " (\"" + s.title() + "\") is still "
                            + s.status().wire() + ". Wait for it, or cancel it with cancel_worker first.");
                }
            }
            return null;
        });
    }

    /** A worker reports its result; it is the worker's outcome when its process ends. */
    public CompletableFuture<Void> reportResult(String callerId, String summary) {
        return engine.onEngine(() -> {
            Session worker = liveCaller(callerId, null);
            if (worker.role() == SessionRole.MANAGER) {
                throw new OperationRefused("A manager ends its objective with mark_objective_done.");
            }
            db.write(tx -> {
                tx.sessions().reportResult(worker.id(), summary);
                tx.transcripts().append(worker.id(), TranscriptSource.TOOL, TranscriptKind.STATUS,
                        "reported its result: " + summary);
                return null;
            });
            return null;
        });
    }

    /** Any agent asks the operator; the answer comes back to it as a message. */
    public CompletableFuture<Question> askUser(String callerId, String question) {
        return engine.onEngine(() -> {
            Session s = liveCaller(callerId, null);
            if (question == null || question.isBlank()) {
                throw new OperationRefused("The question is empty.");
            }
            return db.write(tx -> {
                Question q = tx.questions().ask(s.objectiveId(), s.id(), QuestionKind.AGENT, 5, question.strip(), "",
                        Actor.session(s.id()));
                tx.sessions().transition(s.id(), SessionStatus.WAITING_USER, "asked the operator",
                        Actor.session(s.id()));
                tx.objectives().transition(s.objectiveId(), ObjectiveStatus.WAITING_USER, "a question is open",
                        Actor.session(s.id()));
                return q;
            });
        });
    }

    /** Any agent leaves a note on its objective's timeline (and its own transcript). */
    public CompletableFuture<Void> createNote(String callerId, String text) {
        return engine.onEngine(() -> {
            Session s = liveCaller(callerId, null);
            db.write(tx -> {
                tx.transcripts().append(s.id(), TranscriptSource.TOOL, TranscriptKind.STATUS, "note: " + text);
                tx.audit().record(s.objectiveId(), s.id(), AuditType.NOTE, text, Actor.session(s.id()));
                return null;
            });
            return null;
        });
    }

    /** The target in use that carries all of {@code labels} (comma-separated on the target), most capacity first. */
    private static Target labelled(List<Target> targets, List<String> labels) {
        return targets.stream()
                .filter(t -> TargetStatus.ASSIGNABLE.contains(t.status()))
                .filter(t -> labelsOf(t).containsAll(labels))
                .max(java.util.Comparator.comparingInt(Target::capacity))
                .orElseThrow(() -> new OperationRefused("No target has the labels " + labels + ". Targets: "
                        + targets.stream().map(t -> t.name() + " " + labelsOf(t)).toList()
                        + ". Leave labels out to let Bosun choose."));
    }

    private static java.util.Set<String> labelsOf(Target t) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String l : (t.labels() == null ? "" : t.labels()).split(",")) {
            if (!l.isBlank()) {
                out.add(l.strip());
            }
        }
        return out;
    }

    /** The calling session, which must not have ended (a leaked token of a finished run opens nothing). */
    private Session liveCaller(String callerId, SessionRole role) {
        Session s = db.read(tx -> tx.sessions().byId(callerId))
                .orElseThrow(() -> new OperationRefused("Unknown caller."));
        if (s.status().terminal()) {
            throw new OperationRefused("This session has already " + s.status().wire() + ".");
        }
        if (role != null && s.role() != role) {
            throw new OperationRefused("Only a " + role.name().toLowerCase() + " may do that.");
        }
        var objective = db.read(tx -> tx.objectives().byId(s.objectiveId())).orElseThrow();
        if (objective.status().terminal()) {
            throw new OperationRefused("The objective has already " + objective.status().wire() + ".");
        }
        return s;
    }

    private Session ownWorker(Session manager, String workerId) {
        return db.read(tx -> tx.sessions().byId(workerId))
                .filter(w -> w.objectiveId().equals(manager.objectiveId()) && w.role() != SessionRole.MANAGER)
                .orElseThrow(() -> new OperationRefused("There is no worker " + workerId
                        + " in this objective. list_workers shows the ids."));
    }
}
