package dev.bosun.engine;

import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.domain.QuestionStatus;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionMode;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.store.Database;
import dev.bosun.store.NewSession;
import dev.bosun.store.Transition;
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

    public Operations(Engine engine, Database db) {
        this.engine = engine;
        this.db = db;
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
}
