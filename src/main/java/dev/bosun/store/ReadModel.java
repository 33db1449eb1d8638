package dev.bosun.store;

import dev.bosun.domain.Actor;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.ChecksState;
import dev.bosun.domain.ManagerState;
import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.domain.QuestionKind;
import dev.bosun.domain.QuestionStatus;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.TargetKind;
import dev.bosun.domain.TargetStatus;
import dev.bosun.domain.WireNames;
import dev.bosun.domain.WorkspaceStatus;
import dev.bosun.store.Row.ActivityRow;
import dev.bosun.store.Row.ObjectiveRow;
import dev.bosun.store.Row.PullRequestRow;
import dev.bosun.store.Row.QuestionRow;
import dev.bosun.store.Row.SessionRow;
import dev.bosun.store.Row.TargetRow;
import dev.bosun.store.Row.WorkspaceRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Queries for the UI tables: whole tables for a first load, and by id for the rows a commit touched. */
public final class ReadModel {
    private static final String OBJECTIVES = "SELECT o.id, o.title, o.status, o.repository, o.manager_agent,"
            + " o.max_managers,"
            + " o.created_at, o.updated_at,"
            + " EXISTS (SELECT 1 FROM questions e WHERE e.objective_id = o.id AND "
            + Sql.is("e.kind", QuestionKind.ESCALATION) + " AND " + Sql.is("e.status", QuestionStatus.OPEN)
            + ") AS escalated,"
            + " (SELECT m.status FROM sessions m WHERE m.objective_id = o.id AND m.role = 'manager'"
            + "   ORDER BY m.created_at DESC, m.id DESC LIMIT 1) AS manager_status,"
            + " (SELECT m.last_output_at FROM sessions m WHERE m.objective_id = o.id AND m.role = 'manager'"
            + "   ORDER BY m.created_at DESC, m.id DESC LIMIT 1) AS manager_last_output,"
            + " (SELECT COUNT(*) FROM sessions r WHERE r.objective_id = o.id AND r.role = 'manager' AND r.ever_ran = 1)"
            + "   AS managers_ran, o.respawn_grant,"
            + " (SELECT COALESCE(SUM(u.tokens), 0) FROM sessions u WHERE u.objective_id = o.id) AS tokens,"
            + " (SELECT COALESCE(SUM(u.cost_usd), 0) FROM sessions u WHERE u.objective_id = o.id) AS cost_usd,"
            + " (SELECT COUNT(*) FROM pull_requests p WHERE p.objective_id = o.id AND "
            + Sql.is("p.status", PullRequestStatus.MERGED) + ")"
            + "   AS merged_prs,"
            + " (SELECT COUNT(*) FROM sessions w WHERE w.objective_id = o.id AND w.role <> 'manager'"
            + "   AND " + Sql.in("w.status", SessionStatus.LIVE) + ") AS live_workers,"
            + " (SELECT COUNT(*) FROM sessions a WHERE a.objective_id = o.id AND a.role <> 'manager') AS workers,"
            + " (SELECT COUNT(*) FROM pull_requests p WHERE p.objective_id = o.id AND "
            + Sql.in("p.status", PullRequestStatus.AWAITING_REVIEW) + ")"
            + "   AS open_prs,"
            + " (SELECT COALESCE(MIN(p.number), 0) FROM pull_requests p WHERE p.objective_id = o.id AND "
            + Sql.in("p.status", PullRequestStatus.AWAITING_REVIEW) + ") AS review_pr,"
            + " (SELECT COUNT(*) FROM questions q WHERE q.objective_id = o.id AND " + Sql.is("q.status",
                    QuestionStatus.OPEN)
            + ") AS open_questions"
            + " FROM objectives o";
    private static final String SESSIONS = "SELECT s.id, s.objective_id, s.role, s.agent, s.status, s.title,"
            + " s.activity, substr(s.result_summary, 1, 300) AS result, s.tokens, s.cost_usd, s.created_at,"
            + " s.updated_at, t.name AS target"
            + " FROM sessions s"
            + " LEFT JOIN targets t ON t.id = s.target_id";
    private static final String PULL_REQUESTS = "SELECT p.id, p.objective_id, p.repository, p.number, p.title,"
            + " p.status, p.checks, p.branch, p.base_branch, o.title AS objective_title, p.url, p.mergeable,"
            + " p.conflict_files, p.commits, p.diff_stat, p.head_sha, p.updated_at"
            + " FROM pull_requests p JOIN objectives o ON o.id = p.objective_id";
    private static final String WORKSPACES = "SELECT w.id, w.objective_id, w.session_id, t.name AS target, w.path,"
            + " w.branch, w.status, CASE WHEN w.gc_error <> '' THEN 'GC failed ' || w.gc_failures || 'x: ' || w.gc_error"
            + " WHEN w.status = 'preparing' AND w.progress <> '' THEN w.progress"
            + " ELSE w.gc_reason END AS gc_note, w.size_kb, w.updated_at"
            + " FROM workspaces w LEFT JOIN targets t ON t.id = w.target_id";
    private static final String TARGETS = "SELECT t.id, t.name, t.kind, t.status, t.host, t.work_root, t.capacity,"
            + " t.free_disk_mb, t.doctor_report, t.agents, t.sandbox, t.last_seen_at, (SELECT COUNT(*) FROM sessions s WHERE s.target_id = t.id AND s.role <> 'manager'"
            + "   AND " + Sql.in("s.status", SessionStatus.HOLDS_SLOT) + ") AS running FROM targets t";
    private static final String QUESTIONS = "SELECT id, objective_id, session_id, kind, status, priority, text,"
            + " answer, created_at FROM questions";
    private static final String ACTIVITY = "SELECT * FROM audit_events";

    private final Tx tx;

    ReadModel(Tx tx) {
        this.tx = tx;
    }

    public List<ObjectiveRow> objectives() throws SQLException {
        return tx.list(OBJECTIVES + " ORDER BY o.id", this::objective);
    }

    public List<SessionRow> sessions() throws SQLException {
        return tx.list(SESSIONS + " ORDER BY s.id", this::session);
    }

    public List<PullRequestRow> pullRequests() throws SQLException {
        return tx.list(PULL_REQUESTS + " ORDER BY p.id", this::pullRequest);
    }

    public List<WorkspaceRow> workspaces() throws SQLException {
        return tx.list(WORKSPACES + " ORDER BY w.id", this::workspace);
    }

    public List<TargetRow> targets() throws SQLException {
        return tx.list(TARGETS + " ORDER BY t.name", this::target);
    }

    public List<QuestionRow> questions() throws SQLException {
        return tx.list(QUESTIONS + " ORDER BY id", this::question);
    }

    /** The newest {@code limit} audit events, oldest first. */
    public List<ActivityRow> activity(int limit) throws SQLException {
        List<ActivityRow> rows = new ArrayList<>(tx.list(ACTIVITY + " ORDER BY seq DESC LIMIT ?", this::activity,
                limit));
        Collections.reverse(rows);
        return rows;
    }

    List<Row> rowsFor(ChangeSet changes) throws SQLException {
        List<Row> rows = new ArrayList<>();
        rows.addAll(byIds(OBJECTIVES + " WHERE o.id IN ", changes.objectives, this::objective));
        rows.addAll(byIds(SESSIONS + " WHERE s.id IN ", changes.sessions, this::session));
        rows.addAll(byIds(PULL_REQUESTS + " WHERE p.id IN ", changes.pullRequests, this::pullRequest));
        rows.addAll(byIds(WORKSPACES + " WHERE w.id IN ", changes.workspaces, this::workspace));
        rows.addAll(byIds(TARGETS + " WHERE t.id IN ", changes.targets, this::target));
        rows.addAll(byIds(QUESTIONS + " WHERE id IN ", changes.questions, this::question));
        rows.addAll(byIds(ACTIVITY + " WHERE seq IN ", changes.auditSeqs, this::activity));
        return rows;
    }

    private <T> List<T> byIds(String sqlPrefix, Collection<?> ids, Tx.RowMapper<T> mapper) throws SQLException {
        List<T> out = new ArrayList<>();
        List<?> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += 500) {
            List<?> chunk = all.subList(from, Math.min(all.size(), from + 500));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            out.addAll(tx.list(sqlPrefix + "(" + marks + ")", mapper, chunk.toArray()));
        }
        return out;
    }

    private ObjectiveRow objective(ResultSet rs) throws SQLException {
        String newest = rs.getString("manager_status");
        return new ObjectiveRow(rs.getString("id"), rs.getString("title"),
                Tx.enumOf(rs, "status", ObjectiveStatus.class), rs.getString("repository"),
                Tx.enumOf(rs, "manager_agent", AgentKind.class).label(),
                new ManagerState(newest == null ? null : WireNames.parse(SessionStatus.class, newest),
                        rs.getInt("escalated") != 0, rs.getInt("review_pr")), Tx.instant(rs, "manager_last_output"),
                rs.getInt("live_workers"),
                rs.getInt("workers"), rs.getInt("open_prs"), rs.getInt("merged_prs"), rs.getInt("open_questions"),
                rs.getInt("managers_ran"), rs.getInt("respawn_grant"), rs.getLong("tokens"), rs.getDouble("cost_usd"),
                Tx.instant(rs, "created_at"), Tx.instant(rs, "updated_at"), (Integer) rs.getObject("max_managers"));
    }

    private SessionRow session(ResultSet rs) throws SQLException {
        return new SessionRow(rs.getString("id"), rs.getString("objective_id"),
                Tx.enumOf(rs, "role", SessionRole.class), Tx.enumOf(rs, "agent", AgentKind.class).label(),
                Tx.enumOf(rs, "status", SessionStatus.class), rs.getString("title"),
                rs.getString("target"), rs.getString("activity"), rs.getString("result"), rs.getLong("tokens"),
                rs.getDouble("cost_usd"), Tx.instant(rs, "created_at"), Tx.instant(rs, "updated_at"));
    }

    private PullRequestRow pullRequest(ResultSet rs) throws SQLException {
        return new PullRequestRow(rs.getString("id"), rs.getString("objective_id"), rs.getString("repository"),
                rs.getInt("number"), rs.getString("title"), Tx.enumOf(rs, "status", PullRequestStatus.class),
                Tx.enumOf(rs, "checks", ChecksState.class),
                rs.getString("branch"), rs.getString("base_branch"), rs.getString("objective_title"),
                rs.getString("url"), rs.getString("mergeable"), rs.getString("conflict_files"),
                rs.getObject("commits") == null ? null : rs.getInt("commits"), rs.getString("diff_stat"),
                rs.getString("head_sha"), Tx.instant(rs, "updated_at"));
    }

    private WorkspaceRow workspace(ResultSet rs) throws SQLException {
        return new WorkspaceRow(rs.getString("id"), rs.getString("objective_id"), rs.getString("session_id"),
                rs.getString("target"), rs.getString("path"), rs.getString("branch"),
                Tx.enumOf(rs, "status", WorkspaceStatus.class),
                rs.getString("gc_note"), rs.getObject("size_kb") == null ? null : rs.getLong("size_kb"),
                Tx.instant(rs, "updated_at"));
    }

    private TargetRow target(ResultSet rs) throws SQLException {
        return new TargetRow(rs.getString("id"), rs.getString("name"), Tx.enumOf(rs, "kind", TargetKind.class),
                Tx.enumOf(rs, "status", TargetStatus.class),
                rs.getString("host"), rs.getString("work_root"), rs.getInt("capacity"), rs.getInt("running"),
                rs.getObject("free_disk_mb") == null ? null : rs.getLong("free_disk_mb"), rs.getString("doctor_report"),
                rs.getString("agents"), rs.getString("sandbox"), Tx.instant(rs, "last_seen_at"));
    }

    private QuestionRow question(ResultSet rs) throws SQLException {
        return new QuestionRow(rs.getString("id"), rs.getString("objective_id"), rs.getString("session_id"),
                Tx.enumOf(rs, "kind", QuestionKind.class), Tx.enumOf(rs, "status", QuestionStatus.class),
                rs.getInt("priority"), rs.getString("text"),
                rs.getString("answer"), Tx.instant(rs, "created_at"));
    }

    private ActivityRow activity(ResultSet rs) throws SQLException {
        return new ActivityRow(rs.getLong("seq"), Tx.instant(rs, "at"), rs.getString("objective_id"),
                rs.getString("session_id"), rs.getString("type"), rs.getString("summary"),
                new Actor(rs.getString("actor")));
    }
}
