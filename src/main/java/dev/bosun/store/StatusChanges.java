package dev.bosun.store;

import dev.bosun.domain.Actor;
import dev.bosun.domain.AuditType;
import dev.bosun.domain.StateMachine;
import dev.bosun.domain.Status;
import dev.bosun.domain.WireNames;
import java.sql.SQLException;

/**
 * The one place a status column changes: it reads the current status, checks the entity's state machine, updates,
 * and writes the audit event, all inside the caller's transaction. A refused or late change writes only its audit
 * event ({@code transition_ignored} / {@code transition_refused}) and leaves the row as it was.
 */
final class StatusChanges {
    private StatusChanges() {}

    static <S extends Enum<S> & Status> Transition<S> apply(Tx tx, StateMachine<S> machine, String table, String id,
            S to, String objectiveId, String sessionId, String reason, Actor actor) throws SQLException {
        S from = tx.one("SELECT status FROM " + table + " WHERE id = ?",
                        rs -> WireNames.parse(machine.type(), rs.getString(1)), id)
                .orElseThrow(() -> new StoreException("no " + machine.entity() + " with id " + id));
        StateMachine.Verdict verdict = machine.check(from, to);
        String because = reason == null || reason.isBlank() ? "" : ": " + reason;
        switch (verdict) {
            case APPLY -> {
                tx.update("UPDATE " + table + " SET status = ?, updated_at = ? WHERE id = ?", to, tx.now(), id);
                tx.audit().recordStatusChange(objectiveId, sessionId, machine, to,
                        machine.entity() + " " + from.wire() + " → " + to.wire() + because, actor);
            }
            case IGNORED_TERMINAL -> tx.audit().record(objectiveId, sessionId, AuditType.TRANSITION_IGNORED,
                    "late " + to.wire() + " for " + machine.entity() + " " + id + " ignored: already " + from.wire()
                            + because, actor);
            case REFUSED -> tx.audit().record(objectiveId, sessionId, AuditType.TRANSITION_REFUSED,
                    machine.entity() + " " + id + " cannot go " + from.wire() + " → " + to.wire() + because, actor);
            case SAME -> { }
        }
        return new Transition<>(from, to, verdict);
    }
}
