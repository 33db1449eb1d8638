package dev.bosun.store;

import dev.bosun.domain.AuditType;
import dev.bosun.domain.Actor;
import dev.bosun.domain.Ids;
import dev.bosun.domain.Question;
import dev.bosun.domain.QuestionKind;
import dev.bosun.domain.QuestionStatus;
import dev.bosun.domain.Transitions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

public final class Questions {
    private final Tx tx;

    Questions(Tx tx) {
        this.tx = tx;
    }

    public Question ask(String objectiveId, String sessionId, QuestionKind kind, int priority, String text,
            String context, Actor actor) throws SQLException {
        String id = Ids.next("qst", tx.now());
        tx.update("INSERT INTO questions(id, objective_id, session_id, kind, status, priority, text, context,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, objectiveId, sessionId, kind, QuestionStatus.OPEN, priority, text, context, tx.now(), tx.now());
        tx.audit().record(objectiveId, sessionId, AuditType.QUESTION_ASKED, "question asked: " + firstLine(text),
                actor);
        touch(id, objectiveId);
        return byId(id).orElseThrow();
    }

    public Optional<Question> byId(String id) throws SQLException {
        return tx.one("SELECT * FROM questions WHERE id = ?", Questions::map, id);
    }

    /** All of an objective's questions, oldest first. */
    public List<Question> forObjective(String objectiveId) throws SQLException {
        return tx.list("SELECT * FROM questions WHERE objective_id = ? ORDER BY created_at, id", Questions::map,
                objectiveId);
    }

    public List<Question> openFor(String objectiveId) throws SQLException {
        return tx.list("SELECT * FROM questions WHERE objective_id = ? AND " + Sql.OPEN_QUESTION
                + " ORDER BY priority DESC, id",
                Questions::map, objectiveId);
    }

    public Transition<QuestionStatus> answer(String id, String answer, Actor actor) throws SQLException {
        Transition<QuestionStatus> t = transition(id, QuestionStatus.ANSWERED, null, actor);
        if (t.applied()) {
            tx.update("UPDATE questions SET answer = ?, answered_at = ? WHERE id = ?", answer, tx.now(), id);
        }
        return t;
    }

    public Transition<QuestionStatus> transition(String id, QuestionStatus to, String reason, Actor actor)
            throws SQLException {
        Question q = byId(id).orElseThrow(() -> new StoreException("no question with id " + id));
        Transition<QuestionStatus> t = StatusChanges.apply(tx, Transitions.QUESTION, "questions", id, to,
                q.objectiveId(), q.sessionId(), reason, actor);
        touch(id, q.objectiveId());
        return t;
    }

    private void touch(String id, String objectiveId) {
        tx.changes().questions.add(id);
        tx.changes().objectives.add(objectiveId);
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() <= 120 ? line : line.substring(0, 119) + "…";
    }

    static Question map(ResultSet rs) throws SQLException {
        return new Question(rs.getString("id"), rs.getString("objective_id"), rs.getString("session_id"),
                Tx.enumOf(rs, "kind", QuestionKind.class), Tx.enumOf(rs, "status", QuestionStatus.class),
                rs.getInt("priority"), rs.getString("text"), rs.getString("context"), rs.getString("answer"),
                Tx.instant(rs, "created_at"), Tx.instant(rs, "answered_at"));
    }
}
