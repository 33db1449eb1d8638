package dev.bosun.engine;

import dev.bosun.domain.Actor;
import dev.bosun.domain.QuestionStatus;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.StateSnapshot;
import dev.bosun.store.Database;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles sessions that claim to run with no process behind them: after a crash (at start) and every minute
 * (an agent that vanished). Each goes back to {@code queued}; when it starts again its provider resumes the
 * conversation if it can, and otherwise it gets a message saying it was interrupted. Engine thread only.
 */
final class Recovery {
    private static final Logger log = LoggerFactory.getLogger(Recovery.class);
    static final String INTERRUPTED = "You were interrupted: Bosun lost your process (a restart or a crash). Continue "
            + "your task from where you were; work already in your checkout is kept.";

    private final Engine engine;
    private final Database db;
    private final LiveRuns runs;
    private final AgentProviders providers;

    Recovery(Engine engine, Database db, LiveRuns runs, AgentProviders providers) {
        this.engine = engine;
        this.db = db;
        this.runs = runs;
        this.providers = providers;
    }

    /** At start: nothing runs yet, so every starting/running session is an orphan. Returns how many. */
    int atStart() {
        engine.assertEngineThread();
        db.write(tx -> tx.workspaces().failInterruptedPreparations(Actor.ENGINE));
        int n = reconcile(Duration.ZERO, "recovered after a restart");
        int closed = db.write(tx -> {
            int count = 0;
            for (var q : tx.rows().questions()) {
                if (q.status() != QuestionStatus.OPEN || q.sessionId() == null) {
                    continue;
                }
                Session s = tx.sessions().byId(q.sessionId()).orElse(null);
                if (s != null && s.status().terminal()) {
                    tx.questions().transition(q.id(), QuestionStatus.CANCELED, "the asking session had ended",
                            Actor.ENGINE);
                    tx.objectives().activateIfNoQuestionOpen(q.objectiveId(), Actor.ENGINE);
                    count++;
                }
            }
            return count;
        });
        if (n + closed > 0) {
            log.info("Recovery: {} interrupted sessions requeued, {} questions of ended sessions closed", n, closed);
        }
        return n;
    }

    /** Sessions starting/running with no live process and no change for {@code grace}: requeue them. */
    int reconcile(Duration grace, String why) {
        engine.assertEngineThread();
        List<Session> orphans = db.read(tx -> tx.sessions().live()).stream()
                .filter(s -> SessionStatus.NEEDS_PROCESS.contains(s.status()))
                .filter(s -> !runs.isLive(s.id()))
                .filter(s -> !s.updatedAt().plus(grace).isAfter(engine.clock().instant()))
                .toList();
        for (Session s : orphans) {
            requeue(s, why);
        }
        return orphans.size();
    }

    /**
     * Engine thread: the session's process is out of Bosun's hands (a crash, or a lost connection to its host): back
     * to {@code queued}, to resume its conversation if its provider can, else to restart with a note. Whatever may
     * still run of it is stopped before it starts again ({@code LeftBehind}).
     */
    void requeue(Session s, String why) {
        engine.assertEngineThread();
        boolean resumable = providers.get(s.agent()).map(p -> p.canResume()).orElse(false)
                && db.read(tx -> tx.sessions().providerRef(s.id())).isPresent();
        db.write(tx -> {
            tx.sessions().transition(s.id(), SessionStatus.QUEUED,
                    why + (resumable ? "; will resume its conversation" : "; will restart with a note"),
                    Actor.ENGINE);
            if (!resumable && s.everRan()) {
                // A manager has no read tools: it gets the objective's state with the note.
                String note = s.role() != SessionRole.MANAGER ? INTERRUPTED : tx.supervision()
                        .inFull(s.objectiveId()).map(o -> INTERRUPTED + "\n\nWhere the objective stands:\n"
                                + StateSnapshot.render(o)).orElse(INTERRUPTED);
                tx.steering().enqueue(s.id(), note, Actor.ENGINE);
            }
            return null;
        });
    }
}
