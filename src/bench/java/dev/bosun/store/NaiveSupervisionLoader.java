package dev.bosun.store;

import dev.bosun.domain.AgentKind;
import dev.bosun.domain.ChecksState;
import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.SupervisedObjective;
import dev.bosun.domain.SupervisedObjective.PullRequestView;
import dev.bosun.domain.SupervisedObjective.SessionView;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The loader the origin system effectively had: a query per objective for its sessions, PRs and questions. */
public final class NaiveSupervisionLoader {
    private NaiveSupervisionLoader() {}

    public static List<SupervisedObjective> load(Tx tx) throws SQLException {
        List<String> ids = tx.list("SELECT id FROM objectives WHERE status IN ('active', 'waiting_user') ORDER BY id",
                rs -> rs.getString(1));
        List<SupervisedObjective> out = new ArrayList<>();
        for (String id : ids) {
            var head = tx.one("SELECT title, prompt, status, manager_agent, supervisor_last_action_at, respawn_grant,"
                    + " operator_note FROM objectives WHERE id = ?", rs -> new Object[] {rs.getString(1),
                    rs.getString(2), Tx.enumOf(rs, "status", ObjectiveStatus.class),
                    Tx.enumOf(rs, "manager_agent", AgentKind.class), Tx.instant(rs, "supervisor_last_action_at"),
                    rs.getInt(6), rs.getString(7)}, id).orElseThrow();
            List<SessionView> sessions = tx.list("SELECT id, role, agent, status, title, result_summary, ever_ran,"
                    + " created_at, MAX(updated_at, COALESCE(last_output_at, 0)) AS last_activity FROM sessions"
                    + " WHERE objective_id = ? ORDER BY created_at, id", rs -> new SessionView(rs.getString(1),
                    Tx.enumOf(rs, "role", SessionRole.class), Tx.enumOf(rs, "agent", AgentKind.class),
                    Tx.enumOf(rs, "status", SessionStatus.class), rs.getString(5), rs.getString(6),
                    rs.getInt(7) != 0, Tx.instant(rs, "created_at"), Tx.instant(rs, "last_activity")), id);
            List<PullRequestView> prs = tx.list("SELECT number, title, status, checks FROM pull_requests"
                    + " WHERE objective_id = ? ORDER BY number", rs -> new PullRequestView(rs.getInt(1),
                    rs.getString(2), Tx.enumOf(rs, "status", PullRequestStatus.class),
                    Tx.enumOf(rs, "checks", ChecksState.class)), id);
            boolean escalated = tx.one("SELECT COUNT(*) FROM questions WHERE objective_id = ? AND status = 'open'"
                    + " AND kind = 'escalation'", rs -> rs.getInt(1), id).orElse(0) > 0;
            out.add(new SupervisedObjective(id, (String) head[0], (String) head[1], (ObjectiveStatus) head[2],
                    (AgentKind) head[3], (java.time.Instant) head[4], (Integer) head[5], (String) head[6], escalated,
                    sessions, prs));
        }
        return out;
    }
}
