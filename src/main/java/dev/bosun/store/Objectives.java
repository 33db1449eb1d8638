package dev.bosun.store;

import dev.bosun.domain.AuditType;
import dev.bosun.domain.Actor;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.Ids;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.domain.Transitions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

public final class Objectives {
    private final Tx tx;

    Objectives(Tx tx) {
        this.tx = tx;
    }

    public Objective create(ObjectiveDraft draft, Actor actor) throws SQLException {
        String id = Ids.next("obj", tx.now());
        tx.update("INSERT INTO objectives(id, title, prompt, repository, base_branch, manager_agent, status,"
                        + " created_at, updated_at, max_managers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, draft.effectiveTitle(), draft.prompt(), draft.repository(), draft.baseBranch(),
                draft.managerAgent(), ObjectiveStatus.ACTIVE, tx.now(), tx.now(), draft.maxManagers());
        tx.audit().record(id, null, AuditType.OBJECTIVE_CREATED,
                "objective created: " + draft.effectiveTitle() + " on " + draft.repository(), actor);
        tx.changes().objectives.add(id);
        return byId(id).orElseThrow();
    }

    public Optional<Objective> byId(String id) throws SQLException {
        return tx.one("SELECT * FROM objectives WHERE id = ?", Objectives::map, id);
    }

    /** Objectives that are neither finished nor canceled: what the scheduler, supervisor and GC look at. */
    public List<Objective> live() throws SQLException {
        return tx.list("SELECT * FROM objectives WHERE " + Sql.LIVE_OBJECTIVE + " ORDER BY id",
                Objectives::map);
    }

    /** Every objective, ended or not, oldest first. */
    public List<Objective> all() throws SQLException {
        return tx.list("SELECT * FROM objectives ORDER BY created_at, id", Objectives::map);
    }

    public Transition<ObjectiveStatus> transition(String id, ObjectiveStatus to, String reason, Actor actor)
            throws SQLException {
        Transition<ObjectiveStatus> t =
                StatusChanges.apply(tx, Transitions.OBJECTIVE, "objectives", id, to, id, null, reason, actor);
        if (t.applied() && to.terminal()) {
            tx.update("UPDATE objectives SET completed_at = ? WHERE id = ?", tx.now(), id);
        }
        tx.changes().objectives.add(id);
        return t;
    }

    /** An objective waiting on the operator becomes active again once none of its questions is open. */
    public void activateIfNoQuestionOpen(String id, Actor actor) throws SQLException {
        Objective o = byId(id).orElseThrow(() -> new StoreException("no objective with id " + id));
        if (o.status() == ObjectiveStatus.WAITING_USER && tx.questions().openFor(id).isEmpty()) {
            transition(id, ObjectiveStatus.ACTIVE, "no question is open", actor);
        }
    }

    static Objective map(ResultSet rs) throws SQLException {
        return new Objective(rs.getString("id"), rs.getString("title"), rs.getString("prompt"),
                rs.getString("repository"), rs.getString("base_branch"),
                Tx.enumOf(rs, "manager_agent", AgentKind.class), Tx.enumOf(rs, "status", ObjectiveStatus.class),
                rs.getString("summary"), Tx.instant(rs, "created_at"), Tx.instant(rs, "updated_at"),
                Tx.instant(rs, "completed_at"), (Integer) rs.getObject("max_managers"));
    }
}
