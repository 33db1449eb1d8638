package dev.bosun.engine;

import dev.bosun.domain.AuditType;
import dev.bosun.domain.Actor;
import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.domain.QuestionKind;
import dev.bosun.domain.SessionMode;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SupervisedObjective;
import dev.bosun.domain.SupervisorAction;
import dev.bosun.domain.SupervisorMessages;
import dev.bosun.domain.SupervisorPolicy;
import dev.bosun.store.Database;
import dev.bosun.store.NewSession;
import java.util.List;

/**
 * Applies {@link SupervisorPolicy} after every scheduler pass: one small view of all live objectives (set-based
 * queries), one decision, and each action carried out, with its texts written from that objective loaded in full,
 * and audited with its reason. Engine thread only.
 */
public final class Supervisor {
    static final int ESCALATION_PRIORITY = 20;

    private final Engine engine;
    private final Database db;
    private final SupervisorPolicy policy;
    private final Steering steering;
    private final LiveRuns runs;
    private final Runnable wake;

    Supervisor(Engine engine, Database db, SupervisorPolicy policy, Steering steering, LiveRuns runs,
            Runnable wake) {
        this.engine = engine;
        this.db = db;
        this.policy = policy;
        this.steering = steering;
        this.runs = runs;
        this.wake = wake;
    }

    /** One pass; returns what was done. */
    List<SupervisorAction> pass() {
        return pass(java.util.Map.of());
    }

    /** @param stuckSince the waiting workers that cannot start until the operator acts (the scheduler's), since when */
    List<SupervisorAction> pass(java.util.Map<String, java.time.Instant> stuckSince) {
        engine.assertEngineThread();
        List<SupervisedObjective> snapshot = db.read(tx -> tx.supervision().liveObjectives());
        // a manager waiting on its own tool call (publish_pr may take minutes, silently) is busy, not quiet
        List<SupervisorAction> actions = policy.decide(snapshot, engine.clock().instant(), stuckSince)
                .stream()
                .filter(a -> !(a instanceof SupervisorAction.Poke p && runs.inToolCall(p.managerSessionId())))
                .toList();
        actions.forEach(a -> apply(a, Actor.SUPERVISOR));
        return actions;
    }

    void apply(SupervisorAction action, Actor actor) {
        engine.assertEngineThread();
        SupervisedObjective full = db.read(tx -> tx.supervision().inFull(action.objectiveId())).orElseThrow();
        if (action instanceof SupervisorAction.Poke p) {
            steering.deliver(p.managerSessionId(), SupervisorMessages.poke(full), actor);
            db.write(tx -> {
                tx.supervision().recordAction(p.objectiveId());
                if (actor.equals(Actor.SUPERVISOR)) { // the operator's own pokes are not the supervisor giving up
                    tx.supervision().countPoke(p.objectiveId());
                }
                tx.audit().record(p.objectiveId(), p.managerSessionId(), AuditType.MANAGER_POKED, p.reason(), actor);
                return null;
            });
        } else if (action instanceof SupervisorAction.Respawn r) {
            db.write(tx -> {
                var manager = tx.sessions().create(new NewSession(r.objectiveId(), null, SessionRole.MANAGER,
                        r.agent(), SessionMode.INTERACTIVE, "Manager (resumed)", SupervisorMessages.resumeGoal(full),
                        List.of()), actor);
                tx.supervision().recordAction(r.objectiveId());
                tx.notices().handTo(r.objectiveId(), manager.id());
                tx.audit().record(r.objectiveId(), manager.id(), AuditType.MANAGER_RESPAWNED, r.reason(), actor);
                return null;
            });
            wake.run();
        } else if (action instanceof SupervisorAction.Escalate e) {
            db.write(tx -> {
                tx.questions().ask(e.objectiveId(), null, QuestionKind.ESCALATION, ESCALATION_PRIORITY,
                        SupervisorMessages.escalationQuestion(full), EscalationReport.render(full,
                                tx.sessions().managerRuns(e.objectiveId(), EscalationReport.READ_BACK),
                                tx.sessions().usageOfObjective(e.objectiveId())), actor);
                tx.objectives().transition(e.objectiveId(), ObjectiveStatus.WAITING_USER, "waiting for the operator",
                        actor);
                tx.supervision().recordAction(e.objectiveId());
                tx.audit().record(e.objectiveId(), null, AuditType.SUPERVISOR_ESCALATED, e.reason(), actor);
                return null;
            });
        }
    }
}
