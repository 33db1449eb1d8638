package dev.bosun.store;

import dev.bosun.domain.AuditType;
import dev.bosun.domain.Actor;
import dev.bosun.domain.TargetStatus;
import dev.bosun.domain.SessionStatus;
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
            String repository, String baseRef, String branch, Actor actor) throws SQLException {
        String id = Ids.next("wsp", tx.now());
        tx.update("INSERT INTO workspaces(id, objective_id, session_id, target_id, kind, status, path, repository,"
                        + " base_ref, branch, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, objectiveId, sessionId, targetId, kind, WorkspaceStatus.PREPARING, path, repository, baseRef,
                branch, tx.now(), tx.now());
        tx.audit().record(objectiveId, sessionId, AuditType.WORKSPACE_CREATED, "checkout " + path + " preparing",
                actor);
        tx.changes().workspaces.add(id);
        return byId(id).orElseThrow();
    }

    /** The checkout exists: where, on which branch, from which commit. */
    /** How far its preparation is, as git says it; shown on its row while it is preparing. */
    public void setProgress(String id, String progress) throws SQLException {
        tx.update("UPDATE workspaces SET progress = ?, updated_at = ? WHERE id = ? AND status = ?", progress, tx.now(),
                id, WorkspaceStatus.PREPARING);
        tx.changes().workspaces.add(id);
    }

    public void markReady(String id, String path, String branch, String baseRef, String baseSha, Actor actor)
            throws SQLException {
        tx.update("UPDATE workspaces SET path = ?, branch = ?, base_ref = ?, base_sha = ?, progress = '',"
                + " updated_at = ? WHERE id = ?", path, branch, baseRef, baseSha, tx.now(), id);
        transition(id, WorkspaceStatus.READY, "checkout of " + branch + " at " + shortSha(baseSha), actor);
    }

    /** The GC is done with it: archived with the reason and what it freed (null when nothing was deleted). */
    public void archive(String id, String reason, Long bytesFreed, Actor actor) throws SQLException {
        Workspace w = byId(id).orElseThrow(() -> new StoreException("no workspace with id " + id));
        if (w.status() == WorkspaceStatus.PREPARING) {
            transition(id, WorkspaceStatus.FAILED, "abandoned", actor);
        }
        tx.update("UPDATE workspaces SET gc_reason = ?, bytes_freed = ?, gc_error = '' WHERE id = ?", reason,
                bytesFreed, id);
        transition(id, WorkspaceStatus.ARCHIVED, reason + (bytesFreed == null ? "" : ", " + bytesFreed / 1024
                + " KiB freed"), actor);
    }

    /**
     * At start nothing is being prepared: a checkout still {@code preparing} was cut short by the crash. It fails, so
     * the GC reclaims what the clone left, and its session (requeued) gets a fresh one. Returns how many.
     */
    public int failInterruptedPreparations(Actor actor) throws SQLException {
        java.util.List<String> ids = tx.list("SELECT id FROM workspaces WHERE " + Sql.is("status",
                WorkspaceStatus.PREPARING), rs -> rs.getString(1));
        for (String id : ids) {
            transition(id, WorkspaceStatus.FAILED, "interrupted while being prepared (Bosun stopped)", actor);
        }
        return ids.size();
    }

    /** A reclaim failed; the row stays for the next pass, with the error and how often it failed. */
    public void recordGcFailure(String id, String error) throws SQLException {
        tx.update("UPDATE workspaces SET gc_failures = gc_failures + 1, gc_error = ?, updated_at = ? WHERE id = ?",
                error, tx.now(), id);
        tx.changes().workspaces.add(id);
    }

    public int gcFailures(String id) throws SQLException {
        return tx.one("SELECT gc_failures FROM workspaces WHERE id = ?", rs -> rs.getInt(1), id).orElse(0);
    }

    /** Every checkout the GC may look at, with the facts it decides on, in a handful of set-based queries. */
    public java.util.List<GcFacts> gcCandidates() throws SQLException {
        java.util.Map<String, java.util.List<String>> users = new java.util.HashMap<>();
        tx.list("SELECT workspace_id, id FROM sessions WHERE workspace_id IS NOT NULL"
                + " AND " + Sql.LIVE_SESSION, rs -> {
                    users.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>()).add(rs.getString(2));
                    return null;
                });
        java.util.Map<String, java.util.List<String>> inheritors = new java.util.HashMap<>();
        tx.list("SELECT d.depends_on, s.id FROM session_dependencies d JOIN sessions s ON s.id = d.session_id"
                + " WHERE " + Sql.notIn("s.status", SessionStatus.TERMINAL), rs -> {
                    inheritors.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>()).add(rs.getString(2));
                    return null;
                });
        // Whether a checkout's owner has a PR: two sets, not a subquery per checkout (its OR could use no index, so
        // it read every PR once per checkout).
        java.util.Set<String> prSessions = new java.util.HashSet<>();
        java.util.Set<String> prBranches = new java.util.HashSet<>();
        tx.list("SELECT session_id, branch FROM pull_requests", rs -> {
            if (rs.getString(1) != null) {
                prSessions.add(rs.getString(1));
            }
            prBranches.add(rs.getString(2));
            return null;
        });
        // one text per row (Packed); the path last, where nothing of it can be taken for a separator
        return tx.list("SELECT " + Packed.of("w.id", "w.status", "w.session_id", "w.target_id", "w.kind", "o.status",
                "s.role", "s.status", "t.id IS NOT NULL AND " + Sql.isNot("t.status", TargetStatus.REMOVED),
                "w.branch", "w.base_sha", "w.path")
                + " FROM workspaces w JOIN objectives o ON o.id = w.objective_id"
                + " LEFT JOIN sessions s ON s.id = w.session_id LEFT JOIN targets t ON t.id = w.target_id"
                + " WHERE " + Sql.isNot("w.status", WorkspaceStatus.ARCHIVED) + " ORDER BY w.id", rs -> {
                    Packed p = Packed.parse(rs.getString(1), 12);
                    String id = p.string(0);
                    String sessionId = p.string(2);
                    String branch = p.string(9);
                    // a follow-up's checkout is on its PR's branch without being the PR's work: it is kept to the end
                    boolean hasPr = sessionId != null && prSessions.contains(sessionId) || !branch.isEmpty()
                            && p.enumOf(4, WorkspaceKind.class) != WorkspaceKind.PR_BRANCH
                            && prBranches.contains(branch);
                    return new GcFacts(id, p.enumOf(1, WorkspaceStatus.class), p.string(11), sessionId, p.string(3),
                            branch, p.string(10), p.enumOf(5, dev.bosun.domain.ObjectiveStatus.class),
                            p.enumOf(6, dev.bosun.domain.SessionRole.class),
                            p.enumOf(7, dev.bosun.domain.SessionStatus.class), hasPr, p.bool(8),
                            users.getOrDefault(id, java.util.List.of()),
                            sessionId == null ? java.util.List.of() : inheritors.getOrDefault(sessionId,
                                    java.util.List.of()));
                });
    }

    /** One unarchived checkout with what the GC needs to know about it. */
    public record GcFacts(String id, WorkspaceStatus status, String path, String sessionId, String targetId,
            String branch, String baseSha, dev.bosun.domain.ObjectiveStatus objectiveStatus,
            dev.bosun.domain.SessionRole ownerRole, dev.bosun.domain.SessionStatus ownerStatus,
            boolean ownerHasPullRequest, boolean targetExists, java.util.List<String> liveUsers,
            java.util.List<String> liveInheritors) {}

    private static String shortSha(String sha) {
        return sha == null || sha.length() < 10 ? String.valueOf(sha) : sha.substring(0, 10);
    }

    /** The paths of a target's checkouts that exist on its disk (ready or dirty), by workspace id. */
    public java.util.Map<String, String> onDisk(String targetId) throws SQLException {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        tx.list("SELECT id, path FROM workspaces WHERE target_id = ? AND " + Sql.in("status",
                WorkspaceStatus.ON_DISK), rs -> {
            out.put(rs.getString(1), rs.getString(2));
            return null;
        }, targetId);
        return out;
    }

    /** Why the GC keeps a spent checkout, for the Workspaces table; written only when it changed. */
    public void recordKept(String id, String why) throws SQLException {
        if (tx.update("UPDATE workspaces SET gc_reason = ? WHERE id = ? AND gc_reason IS NOT ?", why, id, why) > 0) {
            tx.changes().workspaces.add(id);
        }
    }

    public void recordSize(String id, long sizeKb) throws SQLException {
        tx.update("UPDATE workspaces SET size_kb = ? WHERE id = ?", sizeKb, id);
        tx.changes().workspaces.add(id);
    }

    public Optional<Workspace> byId(String id) throws SQLException {
        return tx.one("SELECT * FROM workspaces WHERE id = ?", Workspaces::map, id);
    }

    public Transition<WorkspaceStatus> transition(String id, WorkspaceStatus to, String reason, Actor actor)
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
