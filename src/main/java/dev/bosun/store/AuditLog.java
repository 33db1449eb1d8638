package dev.bosun.store;

import dev.bosun.domain.Actor;
import dev.bosun.domain.AuditEvent;
import dev.bosun.domain.AuditType;
import dev.bosun.domain.StateMachine;
import dev.bosun.domain.Status;
import dev.bosun.domain.Redactor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** The append-only audit trail. Summaries pass through {@link Redactor} so no credential is ever stored. */
public final class AuditLog {
    private final Tx tx;

    AuditLog(Tx tx) {
        this.tx = tx;
    }

    public long record(String objectiveId, String sessionId, AuditType type, String summary, Actor actor)
            throws SQLException {
        if (type.progress() && objectiveId != null) {
            tx.supervision().resetPokes(objectiveId);
        }
        return insert(objectiveId, sessionId, type.wire(), summary, actor);
    }

    /** An applied status change: its type is the entity and the new status ({@code session_running}). */
    <S extends Enum<S> & Status> long recordStatusChange(String objectiveId, String sessionId,
            StateMachine<S> machine, S to, String summary, Actor actor) throws SQLException {
        return insert(objectiveId, sessionId, AuditType.ofStatusChange(machine, to), summary, actor);
    }

    private long insert(String objectiveId, String sessionId, String type, String summary, Actor actor)
            throws SQLException {
        long seq = tx.insertReturningKey("INSERT INTO audit_events(at, objective_id, session_id, type, summary, actor)"
                + " VALUES (?, ?, ?, ?, ?, ?)", tx.now(), objectiveId, sessionId, type, Redactor.redact(summary), actor);
        tx.changes().auditSeqs.add(seq);
        return seq;
    }

    /** The newest {@code limit} events, newest first. */
    public List<AuditEvent> latest(int limit) throws SQLException {
        return tx.list("SELECT * FROM audit_events ORDER BY seq DESC LIMIT ?", AuditLog::map, limit);
    }

    /** Events after {@code seq}, oldest first: for following the trail without missing or repeating a line. */
    public List<AuditEvent> after(long seq, int limit) throws SQLException {
        return tx.list("SELECT * FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ?", AuditLog::map, seq, limit);
    }

    public List<AuditEvent> forObjective(String objectiveId) throws SQLException {
        return tx.list("SELECT * FROM audit_events WHERE objective_id = ? ORDER BY seq", AuditLog::map, objectiveId);
    }

    static AuditEvent map(ResultSet rs) throws SQLException {
        return new AuditEvent(rs.getLong("seq"), Tx.instant(rs, "at"), rs.getString("objective_id"),
                rs.getString("session_id"), rs.getString("type"), rs.getString("summary"), rs.getString("actor"));
    }
}
