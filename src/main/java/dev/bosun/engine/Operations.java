package dev.bosun.engine;

import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.ObjectiveStatus;
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
import dev.bosun.domain.SupervisorPolicy;
import dev.bosun.domain.Target;
import dev.bosun.domain.TargetKind;
import dev.bosun.domain.TargetStatus;
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
    private final TargetExecutors executors;
    private final Runnable wake;

    Operations(Engine engine, Database db, Steering steering, SessionRunner runner, Supervisor supervisor,
            WorkspaceGc gc, TargetExecutors executors, Runnable wake) {
        this.engine = engine;
        this.db = db;
        this.steering = steering;
        this.runner = runner;
        this.supervisor = supervisor;
        this.gc = gc;
        this.executors = executors;
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
                    DraftCheck.normalisedRepository(input.repository()), input.baseBranch(), input.managerAgent());
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

    /** Runs a GC pass now (skipped if one is running); audited. */
    public CompletableFuture<WorkspaceGc.Report> runGcNow() {
        db.write(tx -> tx.audit().record(null, null, "gc_requested", "GC pass requested", OPERATOR));
        return gc.runNow();
    }

    /** What a GC pass would reclaim and keep, and why, without doing it. */
    public CompletableFuture<WorkspaceGc.Report> previewGc() {
        return gc.preview();
    }

    /** An SSH target as the operator describes it. */
    public record SshTargetSpec(String name, String host, String user, int port, String identityFile, String workRoot,
            int capacity, String labels) {}

    /**
     * Adds an SSH target after one doctor round trip: online if every required check passed, offline otherwise; the
     * report is kept either way so the operator sees what to fix.
     */
    public CompletableFuture<Target> addSshTarget(SshTargetSpec spec) {
        Map<String, String> problems = new java.util.LinkedHashMap<>();
        if (spec.name() == null || !spec.name().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            problems.put("name", "A name of letters, digits, '.', '_' or '-' is required.");
        }
        try {
            new dev.bosun.exec.SshTarget(spec.host(), blankToNull(spec.user()), spec.port(), null);
        } catch (IllegalArgumentException e) {
            problems.put("host", "Not a valid host, user or port: " + e.getMessage() + ".");
        }
        try {
            new dev.bosun.workspace.WorkRoot(spec.workRoot() == null ? "" : spec.workRoot());
        } catch (IllegalArgumentException e) {
            problems.put("workRoot", "The work root must be an absolute folder other than /.");
        }
        if (spec.capacity() < 1 || spec.capacity() > 256) {
            problems.put("capacity", "Capacity must be between 1 and 256 sessions.");
        }
        if (!problems.isEmpty()) {
            return CompletableFuture.failedFuture(new OperationRefused("The target was not added: "
                    + String.join(" ", problems.values()), problems));
        }
        return engine.onIo(() -> {
            if (db.read(tx -> tx.targets().byName(spec.name())).isPresent()) {
                throw new OperationRefused("A target named " + spec.name() + " exists already.",
                        Map.of("name", "This name is taken."));
            }
            Target draft = new Target(null, spec.name(), TargetKind.SSH, TargetStatus.OFFLINE, spec.host(),
                    blankToNull(spec.user()), spec.port(), spec.identityFile(), spec.workRoot(), spec.capacity(),
                    spec.labels(), null, null, null);
            TargetDoctor.Report report = TargetDoctor.examine(executors.forTarget(draft), spec.workRoot());
            return db.write(tx -> {
                Target t = tx.targets().create(spec.name(), TargetKind.SSH, report.passed() ? TargetStatus.ONLINE
                        : TargetStatus.OFFLINE, spec.host(), spec.user() == null ? "" : spec.user(), spec.port(),
                        spec.identityFile() == null ? "" : spec.identityFile(), spec.workRoot(), spec.capacity(),
                        spec.labels() == null ? "" : spec.labels(), OPERATOR);
                tx.targets().recordDoctor(t.id(), report.text(), report.freeDiskMb());
                tx.audit().record(null, null, "target_doctor", t.name() + (report.passed() ? " passed" : " failed")
                        + " the doctor: " + report.text().replace('\n', ';'), OPERATOR);
                return tx.targets().byId(t.id()).orElseThrow();
            });
        }).thenApply(t -> {
            wake.run();
            return t;
        });
    }

    /**
     * Runs the doctor on a target: an online or offline target becomes online when every required check passes and
     * offline otherwise; a draining or disabled one keeps its status (the operator set it).
     */
    public CompletableFuture<TargetDoctor.Report> runDoctor(String targetId) {
        return engine.onIo(() -> {
            Target t = db.read(tx -> tx.targets().byId(targetId))
                    .orElseThrow(() -> new OperationRefused("There is no target " + targetId + "."));
            TargetDoctor.Report report = TargetDoctor.examine(executors.forTarget(t), t.workRoot());
            db.write(tx -> {
                tx.targets().recordDoctor(t.id(), report.text(), report.freeDiskMb());
                if (t.status() == TargetStatus.ONLINE || t.status() == TargetStatus.OFFLINE) {
                    tx.targets().transition(t.id(), report.passed() ? TargetStatus.ONLINE : TargetStatus.OFFLINE,
                            "doctor " + (report.passed() ? "passed" : "failed"), OPERATOR);
                }
                tx.audit().record(null, null, "target_doctor", t.name() + (report.passed() ? " passed" : " failed")
                        + " the doctor: " + report.text().replace('\n', ';'), OPERATOR);
                return null;
            });
            wake.run();
            return report;
        });
    }

    /** Drain (no new sessions, running ones finish), enable, or disable a target. */
    public CompletableFuture<Target> setTargetStatus(String targetId, TargetStatus status) {
        return engine.onEngine(() -> db.write(tx -> {
            Target t = tx.targets().byId(targetId)
                    .orElseThrow(() -> new OperationRefused("There is no target " + targetId + "."));
            var result = tx.targets().transition(targetId, status, "set by the operator", OPERATOR);
            if (result.verdict() == dev.bosun.domain.StateMachine.Verdict.REFUSED
                    || result.verdict() == dev.bosun.domain.StateMachine.Verdict.IGNORED_TERMINAL) {
                throw new OperationRefused("Target " + t.name() + " cannot go from " + t.status().wire() + " to "
                        + status.wire() + ".");
            }
            return tx.targets().byId(targetId).orElseThrow();
        })).thenApply(t -> {
            wake.run();
            return t;
        });
    }

    public CompletableFuture<Void> setTargetCapacity(String targetId, int capacity) {
        return engine.onEngine(() -> {
            if (capacity < 0 || capacity > 256) {
                throw new OperationRefused("Capacity must be between 0 and 256 sessions.");
            }
            db.write(tx -> {
                tx.targets().byId(targetId).orElseThrow(() -> new OperationRefused("There is no target "
                        + targetId + "."));
                tx.targets().setCapacity(targetId, capacity, OPERATOR);
                return null;
            });
            wake.run();
            return null;
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
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

    private static java.util.Optional<SessionView> liveManager(SupervisedObjective o) {
        return o.sessions().stream().filter(s -> s.role() == SessionRole.MANAGER && s.live())
                .max(SessionView.NEWEST_LAST);
    }
}
