package dev.bosun.engine;

import dev.bosun.domain.Actor;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.domain.QuestionStatus;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.store.Database;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Cancels a session with everything it spawned, or an objective with everything of it: the sessions and their open
 * questions in one transaction, then their agents stopped. For the operator, a manager (its workers) and the PR loop
 * (a follow-up whose PR was merged or closed).
 */
final class Cancellation {
    private final Engine engine;
    private final Database db;
    private final LiveRuns runs;
    private final Runnable wake;

    Cancellation(Engine engine, Database db, LiveRuns runs, Runnable wake) {
        this.engine = engine;
        this.db = db;
        this.runs = runs;
        this.wake = wake;
    }

    /** Engine thread: cancels the session and its descendants; returns how many were canceled. */
    int session(String sessionId, String reason, Actor actor) {
        engine.assertEngineThread();
        String why = reason == null || reason.isBlank() ? "canceled by the operator" : reason;
        List<String> canceled = db.write(tx -> {
            Session root = tx.sessions().byId(sessionId)
                    .orElseThrow(() -> new OperationRefused("There is no session " + sessionId + "."));
            if (root.status().terminal()) {
                throw new OperationRefused("Session \"" + root.title() + "\" has already " + root.status().wire()
                        + ".");
            }
            List<String> done = new ArrayList<>();
            Deque<Session> todo = new ArrayDeque<>(List.of(root));
            while (!todo.isEmpty()) {
                Session s = todo.pop();
                if (!s.status().terminal() && tx.sessions().transition(s.id(), SessionStatus.CANCELED,
                        s.id().equals(sessionId) ? why : "its parent was canceled", actor).applied()) {
                    done.add(s.id());
                    if (s.role() == SessionRole.MANAGER) {
                        tx.notices().takeBack(s.objectiveId(), s.id()); // for the objective's next manager
                    }
                    for (var q : tx.questions().openFor(s.objectiveId())) {
                        if (s.id().equals(q.sessionId())) {
                            tx.questions().transition(q.id(), QuestionStatus.CANCELED, "session canceled", actor);
                        }
                    }
                }
                todo.addAll(tx.sessions().children(s.id()));
            }
            tx.objectives().activateIfNoQuestionOpen(root.objectiveId(), actor);
            return done;
        });
        canceled.forEach(runs::stop);
        wake.run();
        return canceled.size();
    }

    /** Engine thread: cancels the objective with every session and question of it that has not ended. */
    Objective objective(String objectiveId, String reason, Actor actor) {
        engine.assertEngineThread();
        List<String> stopped = new ArrayList<>();
        Objective canceled = db.write(tx -> {
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
                    sessions += tx.sessions().transition(s.id(), SessionStatus.CANCELED, "objective canceled", actor)
                            .applied() ? 1 : 0;
                    stopped.add(s.id());
                }
            }
            int questions = 0;
            for (var q : tx.questions().openFor(objectiveId)) {
                questions += tx.questions().transition(q.id(), QuestionStatus.CANCELED, "objective canceled", actor)
                        .applied() ? 1 : 0;
            }
            tx.objectives().transition(objectiveId, ObjectiveStatus.CANCELED,
                    why + " (" + sessions + " sessions and " + questions + " questions canceled)", actor);
            return tx.objectives().byId(objectiveId).orElseThrow();
        });
        stopped.forEach(runs::stop); // after the commit: a stopped agent's exit finds its session already canceled
        return canceled;
    }
}
