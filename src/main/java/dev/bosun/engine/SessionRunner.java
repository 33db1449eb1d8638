package dev.bosun.engine;

import dev.bosun.domain.AuditType;
import dev.bosun.domain.Actor;
import dev.bosun.agent.AgentEvent;
import dev.bosun.agent.AgentLaunch;
import dev.bosun.agent.AgentProvider;
import dev.bosun.agent.AgentRun;
import dev.bosun.agent.AgentStartException;
import dev.bosun.agent.LeftBehind;
import dev.bosun.domain.ToolEndpoint;
import dev.bosun.domain.ManagerNotice;
import dev.bosun.domain.QuestionStatus;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.StateMachine.Verdict;
import dev.bosun.domain.StateSnapshot;
import dev.bosun.domain.Target;
import dev.bosun.domain.TranscriptKind;
import dev.bosun.domain.TranscriptSource;
import dev.bosun.store.Database;
import dev.bosun.store.Transcripts;
import dev.bosun.store.SteeringMessages.Message;
import dev.bosun.store.Transition;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts agents for sessions (on the io pool, in the session's checkout) and turns what they do into state (on the
 * engine thread): output into the transcript, the end of a process into a validated transition, the session's open
 * questions closed, and the objective's live manager told exactly what happened.
 */
public final class SessionRunner {
    private static final Logger log = LoggerFactory.getLogger(SessionRunner.class);
    static final String REPORT_REMINDER = "Bosun: you ended your turn without calling report_result. If your task is "
            + "done, commit your work and call report_result with a short summary of what you did. If you are "
            + "blocked, call ask_user with your question.";

    private final Engine engine;
    private final Database db;
    private final AgentProviders providers;
    private final LiveRuns runs;
    private final Steering steering;
    private final SessionCheckouts checkouts;
    private final ToolAccess tools;
    private final FollowUpWork followUps;
    private final Tunnels tunnels;
    private final TargetExecutors executors;
    private final Recovery recovery;
    private final Runnable wake;
    /** Asks a target's doctor (here: a host a start could not reach, so the target shows offline and why). */
    private final java.util.function.Consumer<String> examine;
    private final java.util.Set<String> reminded = new java.util.HashSet<>();
    /** Sessions whose last process this Bosun saw exit: nothing of theirs can still run (engine thread only). */
    private final java.util.Set<String> exitSeen = new java.util.HashSet<>();
    private boolean shuttingDown;

    SessionRunner(Engine engine, Database db, AgentProviders providers, LiveRuns runs, Steering steering,
            SessionCheckouts checkouts, ToolAccess tools, FollowUpWork followUps, Tunnels tunnels,
            TargetExecutors executors, Recovery recovery, Runnable wake, java.util.function.Consumer<String> examine) {
        this.engine = engine;
        this.db = db;
        this.providers = providers;
        this.runs = runs;
        this.steering = steering;
        this.checkouts = checkouts;
        this.tools = tools;
        this.followUps = followUps;
        this.tunnels = tunnels;
        this.executors = executors;
        this.recovery = recovery;
        this.wake = wake;
        this.examine = examine;
    }

    /** Engine thread: the session is {@code starting}; launch its agent off the engine thread. */
    void start(Session session) {
        engine.assertEngineThread();
        Optional<AgentProvider> provider = providers.get(session.agent());
        if (provider.isEmpty()) {
            fail(session.id(), "No " + session.agent().label() + " agent is available in this Bosun. Install it, "
                    + "or pick another agent for the objective.");
            return;
        }
        List<Message> queued = db.read(tx -> tx.steering().queued(session.id()));
        String resumeRef = provider.get().canResume()
                ? db.read(tx -> tx.sessions().providerRef(session.id())).orElse(null) : null;
        String prompt = promptWith(resumeRef == null ? session.goal() : null, queued);
        Optional<SessionCheckouts.Plan> plan = checkouts.planFor(session);
        ToolEndpoint endpoint = tools.grant(session);
        Target target = session.targetId() == null ? null
                : db.read(tx -> tx.targets().byId(session.targetId())).orElse(null);
        // a session without a checkout runs here, as this machine's target says (in a sandbox or not)
        Target runsOn = target != null ? target : db.read(tx -> tx.targets().local()).orElse(null);
        // It ran before, and this Bosun did not see its last process end (a crash, a lost connection): it may run still.
        boolean mayRunStill = session.everRan() && !exitSeen.remove(session.id());
        runs.startBegins(session.id());
        engine.onIo(() -> {
            try {
                if (mayRunStill) { // first: a fresh checkout would clear the folder it may still work in
                    int killed = LeftBehind.kill(executors.forTarget(target), session.id());
                    if (killed > 0) {
                        log.warn("Stopped {} agent process group(s) an earlier run of session {} left running on {}",
                                killed, session.id(), target == null ? "local" : target.name());
                    }
                }
                String workDir = plan.isPresent() ? plan.get().prepare() : null;
                ToolEndpoint reachable = tunnels.reachableFrom(target, endpoint);
                AgentLaunch launch = new AgentLaunch(session.id(), session.objectiveId(), session.role(),
                        session.mode(), prompt, resumeRef, workDir == null ? null : java.nio.file.Path.of(workDir),
                        reachable, executors.forAgent(runsOn)); // on the target, where its checkout is
                return new Start(provider.get().start(launch, new SessionEvents(engine, session.id(),
                        this::storeOutput, this::onEvent)), null, null);
            } catch (AgentStartException e) {
                // expected (a missing CLI, a failed checkout): said below; a host that does not answer is waited for
                return new Start(null, e.getMessage(), target != null && executors.forTarget(target).remote()
                        ? unreachable(executors.forTarget(target)) : null);
            }
        }).whenComplete((start, error) -> engine.onEngine(() -> {
            started(session, start == null ? new Start(null, unwrap(error).getMessage(), null) : start, queued);
            return null;
        }));
    }

    /** How a start ended: a live run, or why there is none (and why its host did not answer, when it did not). */
    private record Start(AgentRun run, String failure, String unreachable) {}

    /** Io thread: null when the host answers a no-op; else what ssh said (its exit 255, a timeout). */
    private static String unreachable(dev.bosun.exec.Executor on) throws InterruptedException {
        try {
            dev.bosun.exec.Result r = on.run(dev.bosun.exec.Command.of("true")
                    .withTimeout(java.time.Duration.ofSeconds(20)));
            return r.ok() ? null : r.timedOut() ? "no answer within 20 s" : r.exitCode() == 255
                    ? r.firstErrorLine() : null;
        } catch (java.io.IOException e) {
            return e.getMessage();
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
    }

    /** A fresh start gets the goal; a resume only what arrived since. Queued messages follow, in order. */
    static String promptWith(String goal, List<Message> queued) {
        StringBuilder sb = new StringBuilder(goal == null ? "" : goal);
        if (!queued.isEmpty()) {
            sb.append(sb.length() == 0 ? "" : "\n\n").append("Messages for you:");
            for (Message m : queued) {
                sb.append("\n\n[from ").append(m.sender()).append("] ").append(m.body());
            }
        }
        return sb.length() == 0 ? "Continue." : sb.toString();
    }

    private void started(Session session, Start start, List<Message> queued) {
        AgentRun run = start.run();
        runs.startEnds(session.id(), run);
        if (shuttingDown && run != null) {
            run.cancel();
            return;
        }
        if (run == null && start.unreachable() != null) {
            // nothing runs elsewhere instead: it waits for its host (the doctor marks the host offline and examines
            // it again every minute), or fails when the operator removes the host
            tools.revoke(session.id());
            Target target = db.read(tx -> tx.targets().byId(session.targetId())).orElseThrow();
            String why = target.name() + " cannot be reached (" + start.unreachable() + "): it waits for "
                    + target.name() + " to answer again";
            log.warn("Session {} did not start: {}", session.id(), why);
            db.write(tx -> {
                tx.transcripts().append(session.id(), TranscriptSource.SYSTEM, TranscriptKind.ERROR, why);
                tx.sessions().transition(session.id(), SessionStatus.QUEUED, why, Actor.ENGINE);
                return null;
            });
            examine.accept(target.id());
            return;
        }
        if (run == null) {
            tools.revoke(session.id());
            fail(session.id(), "Could not start " + session.agent().label() + ": " + start.failure());
            return;
        }
        Transition<SessionStatus> t = db.write(tx -> tx.sessions().transition(session.id(), SessionStatus.RUNNING,
                "agent started", Actor.ENGINE));
        if (!t.applied()) {
            // canceled while it was starting: stop the process we just got
            runs.remove(session.id());
            run.cancel();
            return;
        }
        for (Message m : queued) {
            steering.markDelivered(m, "in the start prompt");
        }
        if (run.interactive()) {
            // what arrived while it was starting is in no prompt: it reads it now (a one-shot agent gets it next turn)
            steering.sendQueued(run, session.id(), "sent to the live agent once it started");
        }
    }

    /** Engine thread: a session that waited to start never will (its target was removed); it ends failed. */
    void failWaiting(String sessionId, String why) {
        engine.assertEngineThread();
        fail(sessionId, why);
    }

    private void fail(String sessionId, String why) {
        log.warn("Session {} failed to start: {}", sessionId, why);
        runs.startEnds(sessionId, null);
        db.write(tx -> {
            tx.transcripts().append(sessionId, TranscriptSource.SYSTEM, TranscriptKind.ERROR, why);
            tx.sessions().setResultSummary(sessionId, why);
            return null;
        });
        ended(sessionId, false, why);
    }

    /** Engine thread: one event from a session's agent. */
    void onEvent(String sessionId, AgentEvent event) {
        engine.assertEngineThread();
        if (shuttingDown) {
            return;
        }
        if (event instanceof AgentEvent.Output o) {
            storeOutput(sessionId, List.of(o));
        } else if (event instanceof AgentEvent.Usage u) {
            if (u.tokens() == 0 && u.costUsd() == 0) {
                return;
            }
            db.write(tx -> {
                tx.sessions().addUsage(sessionId, u.tokens(), u.costUsd());
                return null;
            });
        } else if (event instanceof AgentEvent.TurnEnded) {
            turnEnded(sessionId);
        } else if (event instanceof AgentEvent.ConversationRef r) {
            db.write(tx -> {
                tx.sessions().setProviderRef(sessionId, r.ref());
                return null;
            });
        } else if (event instanceof AgentEvent.Lost lost) {
            processGone(sessionId);
            db.write(tx -> {
                tx.transcripts().append(sessionId, TranscriptSource.SYSTEM, TranscriptKind.ERROR,
                        lost.why() + "; Bosun stops what may still run there and starts it again");
                return null;
            });
            db.read(tx -> tx.sessions().byId(sessionId)).filter(s -> s.status() == SessionStatus.RUNNING)
                    .ifPresent(s -> recovery.requeue(s, lost.why()));
            wake.run();
        } else if (event instanceof AgentEvent.Exited x) {
            exitSeen.add(sessionId);
            boolean oneShot = runs.get(sessionId).map(r -> !r.interactive()).orElse(false);
            processGone(sessionId);
            if (runs.takeRestart(sessionId)) {
                db.write(tx -> tx.sessions().transition(sessionId, SessionStatus.QUEUED,
                        "restarting to deliver a message", Actor.ENGINE));
                wake.run();
            } else if (!(x.success() && (oneShot || isWorker(sessionId)) && waitsForInput(sessionId, x.summary()))) {
                ended(sessionId, x.success(), x.summary());
            }
        }
    }

    /** An agent's output lines, in one transaction: its transcript (bounded) and when it last spoke. */
    private void storeOutput(String sessionId, List<AgentEvent.Output> lines) {
        engine.assertEngineThread();
        if (shuttingDown) {
            return;
        }
        String activity = null;
        for (AgentEvent.Output o : lines) {
            activity = o.activity() != null ? o.activity() : activity;
        }
        String lastActivity = activity;
        db.write(tx -> {
            tx.transcripts().appendBounded(sessionId, TranscriptSource.AGENT, lines.stream()
                    .map(o -> new Transcripts.Line(o.kind(), o.text())).toList());
            tx.sessions().recordOutput(sessionId, lastActivity);
            return null;
        });
    }

    /**
     * A long-lived worker ended a turn. Once it has reported its result it is done: its input is closed and it exits.
     * If it has not, it is reminded once (a worker that asked the operator is left waiting for the answer); a second
     * quiet turn ends it with its last words as the result.
     */
    private void turnEnded(String sessionId) {
        Session s = db.read(tx -> tx.sessions().byId(sessionId)).orElse(null);
        boolean interactive = runs.get(sessionId).map(AgentRun::interactive).orElse(false);
        if (s == null || !interactive || s.role() == SessionRole.MANAGER || s.status() != SessionStatus.RUNNING) {
            return; // a one-shot agent exits after its turn anyway
        }
        boolean reported = db.read(tx -> tx.sessions().reportedResult(sessionId)).isPresent();
        if (reported || !reminded.add(sessionId)) {
            reminded.remove(sessionId);
            runs.finish(sessionId);
        } else {
            steering.deliver(sessionId, REPORT_REMINDER, Actor.ENGINE);
        }
    }

    /**
     * A one-shot agent finished a turn cleanly, or a worker's process exited cleanly. If it asked the operator, it
     * waits for the answer (which resumes it); a worker with a message it never read resumes with it; the manager of
     * a live objective goes idle until the next message (a worker's end, a poke, an answer) resumes its conversation.
     * Returns false when the session has simply ended.
     */
    private boolean waitsForInput(String sessionId, String summary) {
        return db.write(tx -> {
            Session s = tx.sessions().byId(sessionId).orElseThrow();
            if (s.status() == SessionStatus.WAITING_USER) {
                return true;
            }
            boolean objectiveLive = tx.objectives().byId(s.objectiveId()).map(o -> !o.status().terminal())
                    .orElse(false);
            String turn = summary == null || summary.isBlank() ? "" : ": " + summary;
            if (s.role() != SessionRole.MANAGER) {
                // a message it never read (sent while it started, or its input had closed) resumes it, rather than
                // being left queued for a session that has ended
                if (!objectiveLive || tx.steering().queued(sessionId).isEmpty()) {
                    return false;
                }
                boolean queuedAgain = tx.sessions().transition(sessionId, SessionStatus.QUEUED,
                        "exited with a message unread; resumes with it" + turn, Actor.ENGINE).applied();
                wake.run();
                return queuedAgain;
            }
            if (!objectiveLive) {
                return false;
            }
            if (!tx.steering().queued(sessionId).isEmpty()) {
                // a message arrived during the turn: resume with it at once rather than idle with it unread
                boolean queuedAgain = tx.sessions().transition(sessionId, SessionStatus.QUEUED,
                        "turn done; a message is waiting" + turn, Actor.ENGINE).applied();
                wake.run();
                return queuedAgain;
            }
            return tx.sessions().transition(sessionId, SessionStatus.IDLE, "turn done; waits for the next message"
                    + turn, Actor.ENGINE).applied();
        });
    }

    private boolean isWorker(String sessionId) {
        return db.read(tx -> tx.sessions().byId(sessionId)).map(s -> s.role() != SessionRole.MANAGER).orElse(false);
    }

    /** Its process is gone (it exited, or is out of reach): no live run, no reminder pending, its token revoked. */
    private void processGone(String sessionId) {
        runs.remove(sessionId);
        reminded.remove(sessionId);
        tools.revoke(sessionId);
    }

    /** The most of an agent's last words kept as its result. */
    static final int MAX_SUMMARY = 4_000;

    /** The session's process is gone: record the outcome and tell the manager. */
    void ended(String sessionId, boolean success, String lastWords) {
        exitSeen.remove(sessionId); // it ends here: it never starts again
        // its last lines may be a flood's: the result goes to the manager, the tables and the audit trail
        String exitSummary = lastWords == null || lastWords.length() <= MAX_SUMMARY ? lastWords
                : lastWords.substring(0, MAX_SUMMARY) + " … [" + (lastWords.length() - MAX_SUMMARY)
                        + " more characters cut]";
        SessionStatus outcome = success ? SessionStatus.SUCCEEDED : SessionStatus.FAILED;
        boolean[] applied = {false};
        Optional<Notice> notice = db.write(tx -> {
            // what the agent reported through its tool says more than its last words, unless the process failed
            String summary = success ? tx.sessions().reportedResult(sessionId).orElse(exitSummary) : exitSummary;
            Transition<SessionStatus> t = tx.sessions().transition(sessionId, outcome, summary, Actor.ENGINE);
            if (t.verdict() != Verdict.APPLY) {
                return Optional.<Notice>empty();
            }
            applied[0] = true;
            Session s = tx.sessions().byId(sessionId).orElseThrow();
            if (summary != null && !summary.isBlank()) {
                tx.sessions().setResultSummary(sessionId, summary);
            }
            tx.sessions().setActivity(sessionId, ""); // an ended session does nothing; its result says how it went
            for (var q : tx.questions().openFor(s.objectiveId())) {
                if (sessionId.equals(q.sessionId())) {
                    tx.questions().transition(q.id(), QuestionStatus.CANCELED, "the asking session ended",
                            Actor.ENGINE);
                }
            }
            // with its question gone, nobody is asked anything: the objective is driven again (or respawned)
            tx.objectives().activateIfNoQuestionOpen(s.objectiveId(), Actor.ENGINE);
            if (s.role() == SessionRole.MANAGER) {
                // what it never read (it failed to start, or died first) is held for the next manager
                tx.notices().takeBack(s.objectiveId(), sessionId);
                return Optional.<Notice>empty();
            }
            var objective = tx.supervision().inFull(s.objectiveId());
            if (objective.isEmpty()) {
                return Optional.<Notice>empty();
            }
            // with no live manager the notice is held for the next one (the supervisor starts it)
            String manager = ManagerChannel.liveManager(objective.get()).map(v -> v.id()).orElse(null);
            int pending = tx.sessions().pendingDependents(sessionId);
            Optional<String> pr = tx.sessions().followUpOf(sessionId);
            Optional<Integer> followsUp = pr.isEmpty() ? Optional.empty()
                    : tx.pullRequests().byId(pr.get()).map(p -> p.number());
            String snapshot = StateSnapshot.render(objective.get());
            return Optional.of(new Notice(s.objectiveId(), manager, followsUp.isPresent()
                    ? ManagerNotice.followUpEnded(s.id(), followsUp.get(), outcome, summary, snapshot)
                    : ManagerNotice.workerEnded(s.id(), s.title(), outcome, summary, pending, snapshot)));
        });
        if (applied[0] && outcome == SessionStatus.SUCCEEDED && followUps.pushWork(sessionId)) {
            wake.run();
            return; // its manager hears once its commits are pushed (or why they were not)
        }
        notice.ifPresent(n -> {
            if (n.managerId() == null) {
                db.write(tx -> {
                    tx.notices().hold(n.objectiveId(), n.text(), Actor.ENGINE);
                    return null;
                });
                return;
            }
            steering.deliver(n.managerId(), n.text(), Actor.ENGINE);
            db.write(tx -> {
                tx.audit().record(n.objectiveId(), n.managerId(), AuditType.MANAGER_NOTIFIED,
                        "manager told that a worker ended", Actor.ENGINE);
                return null;
            });
        });
        wake.run();
    }

    /** {@code managerId} is null when no manager is live: the notice is held for the next one. */
    private record Notice(String objectiveId, String managerId, String text) {}

    /** What happens when a PR's follow-up succeeds: its commits are pushed to the PR. */
    interface FollowUpWork {
        /** Engine thread. Returns false if the session is not a follow-up (nothing was done). */
        boolean pushWork(String sessionId);
    }

    /**
     * Engine thread: Bosun is closing. Every live agent is stopped, and their exits change nothing: the sessions stay
     * as they are, for recovery to resume at the next start.
     */
    void shutDown() {
        engine.assertEngineThread();
        shuttingDown = true;
        runs.all().forEach(AgentRun::cancel);
    }
}
