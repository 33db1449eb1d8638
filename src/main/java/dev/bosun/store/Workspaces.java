package dev.bosun.store;

import dev.bosun.domain.Ids;
import dev.bosun.domain.Transitions;
import dev.bosun.domain.Workspace;
import dev.bosun.domain.WorkspaceKind;
import dev.bosun.domain.WorkspaceStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

public final class Workspaces {
    private final Tx tx;

    Workspaces(Tx tx) {
        this.tx = tx;
    }

    public Workspace create(String objectiveId, String sessionId, String targetId, WorkspaceKind kind, String path,
            String repository, String baseRef, String branch, String actor) throws SQLException {
        String id = Ids.next("wsp", tx.now());
        tx.update("INSERT INTO workspaces(id, objective_id, session_id, target_id, kind, status, path, repository,"
                        + " base_ref, branch, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, objectiveId, sessionId, targetId, kind, WorkspaceStatus.PREPARING, path, repository, baseRef,
                branch, tx.now(), tx.now());
        tx.audit().record(objectiveId, sessionId, "workspace_created", "checkout " + path + " preparing", actor);
        tx.changes().workspaces.add(id);
        return byId(id).orElseThrow();
    }

    public Optional<Workspace> byId(String id) throws SQLException {
        return tx.one("SELECT * FROM workspaces WHERE id = ?", Workspaces::map, id);
    }

    public Transition<WorkspaceStatus> transition(String id, WorkspaceStatus to, String reason, String actor)
            throws SQLException {
        Workspace w = byId(id).orElseThrow(() -> new StoreException("no workspace with id " + id));
        Transition<WorkspaceStatus> t = StatusChanges.apply(tx, Transitions.WORKSPACE, "workspaces", id, to,
                w.objectiveId(), w.sessionId(), reason, actor);
        tx.changes().workspaces.add(id);
        return t;
    }

    static Workspace map(ResultSet rs) throws SQLException {
        return new Workspace(rs.getString("id"), rs.getString("objective_id"), rs.getString("session_id"),
                rs.getString("target_id"), Tx.enumOf(rs, "kind", WorkspaceKind.class),
                Tx.enumOf(rs, "status", WorkspaceStatus.class), rs.getString("path"), rs.getString("repository"),
                rs.getString("base_ref"), rs.getString("base_sha"), rs.getString("branch"),
                Tx.instant(rs, "created_at"), Tx.instant(rs, "updated_at"));
    }
}
