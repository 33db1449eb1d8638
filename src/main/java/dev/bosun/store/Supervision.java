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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the supervisor reads and writes. {@link #liveObjectives()} loads every non-terminal objective with its
 * sessions, PRs and escalation state in four set-based queries, however many objectives there are.
 */
public final class Supervision {
    private static final String LIVE_OBJECTIVES = "SELECT id FROM objectives WHERE status IN ('active', 'waiting_user')";

    private final Tx tx;

    Supervision(Tx tx) {
        this.tx = tx;
    }

    private record Head(String id, String title, String prompt, ObjectiveStatus status, AgentKind agent,
            Instant lastActionAt, int grant, String note) {}

    public List<SupervisedObjective> liveObjectives() throws SQLException {
        Map<String, Head> heads = new LinkedHashMap<>();
        for (Head h : tx.list("SELECT id, title, prompt, status, manager_agent, supervisor_last_action_at,"
                + " respawn_grant, operator_note FROM objectives WHERE status IN ('active', 'waiting_user')"
                + " ORDER BY id", rs -> new Head(rs.getString(1), rs.getString(2), rs.getString(3),
                Tx.enumOf(rs, "status", ObjectiveStatus.class), Tx.enumOf(rs, "manager_agent", AgentKind.class),
                Tx.instant(rs, "supervisor_last_action_at"), rs.getInt(7), rs.getString(8)))) {
            heads.put(h.id(), h);
        }
        if (heads.isEmpty()) {
            return List.of();
        }
        Map<String, List<SessionView>> sessions = new HashMap<>();
        tx.list("SELECT objective_id, id, role, agent, status, title, result_summary, ever_ran, created_at,"
                + " MAX(updated_at, COALESCE(last_output_at, 0)) AS last_activity FROM sessions"
                + " WHERE objective_id IN (" + LIVE_OBJECTIVES + ") ORDER BY created_at, id", rs -> {
                    sessions.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new SessionView(
                            rs.getString(2), Tx.enumOf(rs, "role", SessionRole.class),
                            Tx.enumOf(rs, "agent", AgentKind.class), Tx.enumOf(rs, "status", SessionStatus.class),
                            rs.getString(6), rs.getString(7), rs.getInt(8) != 0, Tx.instant(rs, "created_at"),
                            Tx.instant(rs, "last_activity")));
                    return null;
                });
        Map<String, List<PullRequestView>> prs = new HashMap<>();
        tx.list("SELECT objective_id, number, title, status, checks FROM pull_requests"
                + " WHERE objective_id IN (" + LIVE_OBJECTIVES + ") ORDER BY number", rs -> {
                    prs.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new PullRequestView(
                            rs.getInt(2), rs.getString(3), Tx.enumOf(rs, "status", PullRequestStatus.class),
                            Tx.enumOf(rs, "checks", ChecksState.class)));
                    return null;
                });
        Set<String> escalated = new HashSet<>(tx.list("SELECT DISTINCT objective_id FROM questions"
                + " WHERE status = 'open' AND kind = 'escalation'", rs -> rs.getString(1)));
        List<SupervisedObjective> out = new ArrayList<>(heads.size());
        for (Head h : heads.values()) {
            out.add(new SupervisedObjective(h.id(), h.title(), h.prompt(), h.status(), h.agent(), h.lastActionAt(),
                    h.grant(), h.note(), escalated.contains(h.id()), sessions.getOrDefault(h.id(), List.of()),
                    prs.getOrDefault(h.id(), List.of())));
        }
        return out;
    }

    /** One objective, for operator actions and messages; empty when it has ended or does not exist. */
    public java.util.Optional<SupervisedObjective> liveObjective(String objectiveId) throws SQLException {
        return liveObjectives().stream().filter(o -> o.id().equals(objectiveId)).findFirst();
    }

    /** Starts the cooldown: persisted, so a restart does not reset it. */
    public void recordAction(String objectiveId) throws SQLException {
        tx.update("UPDATE objectives SET supervisor_last_action_at = ? WHERE id = ?", tx.now(), objectiveId);
    }

    public void grantRespawns(String objectiveId, int more) throws SQLException {
        tx.update("UPDATE objectives SET respawn_grant = respawn_grant + ? WHERE id = ?", more, objectiveId);
    }

    public void setOperatorNote(String objectiveId, String note) throws SQLException {
        tx.update("UPDATE objectives SET operator_note = ? WHERE id = ?", note, objectiveId);
    }
}
