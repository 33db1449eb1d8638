package dev.bosun.store;

import dev.bosun.domain.QuestionKind;
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
import java.util.Optional;
import java.util.Set;

/**
 * What the supervisor reads and writes: a small view of every live objective for deciding, one objective in full for
 * the texts of an action, and the persisted cooldown and grants.
 */
public final class Supervision {
    // The partial indexes' own conditions (Sql.PARTIAL_INDEXES), so that SQLite uses those indexes.
    private static final String LIVE_OBJECTIVES = "SELECT id FROM objectives WHERE " + Sql.LIVE_OBJECTIVE;

    private final Tx tx;

    Supervision(Tx tx) {
        this.tx = tx;
    }

    private record Head(String id, String title, String prompt, ObjectiveStatus status, AgentKind agent,
            Instant lastActionAt, int grant, String note, int pokes, int maxManagers) {}

    /**
     * Every live objective as the policy sees it: its managers, its unfinished workers and its PRs awaiting review;
     * finished workers, merged or closed PRs and all texts (titles, prompt, summaries) are left out: the policy does
     * not read them, and {@link #inFull} has them. Four queries in all,
     * each served by a partial index, so a pass stays cheap however much history there is.
     */
    public List<SupervisedObjective> liveObjectives() throws SQLException {
        return load(" IN (" + LIVE_OBJECTIVES + ")", false);
    }

    /** One objective with every session and PR, for the texts of an action; empty once it has ended. */
    public Optional<SupervisedObjective> inFull(String objectiveId) throws SQLException {
        List<SupervisedObjective> one = load(" IN (" + LIVE_OBJECTIVES + " AND id = ?)", true, objectiveId);
        return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
    }

    private List<SupervisedObjective> load(String objectiveFilter, boolean full, Object... args)
            throws SQLException {
        Map<String, Head> heads = new LinkedHashMap<>();
        // The texts (title, prompt, note) are read only for an objective in full: the policy does not need them.
        for (Head h : tx.list("SELECT " + Packed.of("id", "status", "manager_agent", "supervisor_last_action_at",
                "respawn_grant", "supervisor_pokes", "max_managers") + (full ? ", title, prompt, operator_note" : "")
                + " FROM objectives WHERE id" + objectiveFilter + " ORDER BY id", rs -> {
                    Packed p = Packed.parse(rs.getString(1), 7);
                    return new Head(p.string(0), full ? rs.getString(2) : "", full ? rs.getString(3) : "",
                            p.enumOf(1, ObjectiveStatus.class), p.enumOf(2, AgentKind.class), p.instant(3),
                            p.integer(4), full ? rs.getString(4) : "", p.integer(5), p.integer(6));
                }, args)) {
            heads.put(h.id(), h);
        }
        if (heads.isEmpty()) {
            return List.of();
        }
        String columns = "SELECT " + Packed.of("objective_id", "id", "role", "agent", "status", "ever_ran",
                "created_at", "MAX(updated_at, COALESCE(last_output_at, 0))") + (full ? ", title, result_summary" : "")
                + " FROM sessions";
        // Managers come from a covering partial index (named: without statistics SQLite takes the (objective, role,
        // status) index and reads each row); unfinished workers from the index of live sessions, which stays small
        // however long the history (sessions of ended objectives are dropped below).
        String sessionsSql = full
                ? columns + " WHERE objective_id" + objectiveFilter
                : columns + " INDEXED BY sessions_managers WHERE role = 'manager' AND objective_id" + objectiveFilter
                        + " UNION ALL " + columns + " WHERE " + Sql.LIVE_SESSION + " AND role <> 'manager'";
        Map<String, List<SessionView>> sessions = new HashMap<>();
        tx.list(sessionsSql + (full ? " ORDER BY created_at, id" : ""), rs -> {
            Packed p = Packed.parse(rs.getString(1), 8);
            if (heads.containsKey(p.string(0))) {
                sessions.computeIfAbsent(p.string(0), k -> new ArrayList<>()).add(new SessionView(p.string(1),
                        p.enumOf(2, SessionRole.class), p.enumOf(3, AgentKind.class),
                        p.enumOf(4, SessionStatus.class), full ? rs.getString(2) : "", full ? rs.getString(3) : "",
                        p.bool(5), p.instant(6), p.instant(7)));
            }
            return null;
        }, args);
        Map<String, List<PullRequestView>> prs = new HashMap<>();
        String prsSql = "SELECT " + Packed.of("objective_id", "number", "status", "checks") + (full ? ", title" : "")
                + " FROM pull_requests WHERE " + (full ? "objective_id" + objectiveFilter : Sql.PR_AWAITING_REVIEW)
                + " ORDER BY number";
        tx.list(prsSql, rs -> {
            Packed p = Packed.parse(rs.getString(1), 4);
            if (heads.containsKey(p.string(0))) {
                prs.computeIfAbsent(p.string(0), k -> new ArrayList<>()).add(new PullRequestView(p.integer(1),
                        full ? rs.getString(2) : "", p.enumOf(2, PullRequestStatus.class),
                        p.enumOf(3, ChecksState.class)));
            }
            return null;
        }, full ? args : new Object[0]);
        Set<String> escalated = new HashSet<>(tx.list("SELECT DISTINCT objective_id FROM questions"
                + " WHERE " + Sql.OPEN_QUESTION + " AND " + Sql.is("kind", QuestionKind.ESCALATION)
                        + " AND objective_id"
                + objectiveFilter,
                rs -> rs.getString(1), args));
        Map<String, Integer> held = tx.notices().heldByObjective();
        List<SupervisedObjective> out = new ArrayList<>(heads.size());
        for (Head h : heads.values()) {
            out.add(new SupervisedObjective(h.id(), h.title(), h.prompt(), h.status(), h.agent(), h.lastActionAt(),
                    h.grant(), h.note(), escalated.contains(h.id()), sessions.getOrDefault(h.id(), List.of()),
                    prs.getOrDefault(h.id(), List.of()), h.pokes(), held.getOrDefault(h.id(), 0), h.maxManagers()));
        }
        return out;
    }

    /** Starts the cooldown: persisted, so a restart does not reset it. */
    public void recordAction(String objectiveId) throws SQLException {
        tx.update("UPDATE objectives SET supervisor_last_action_at = ? WHERE id = ?", tx.now(), objectiveId);
    }

    /** The supervisor poked the objective's manager once more without the objective making progress. */
    public void countPoke(String objectiveId) throws SQLException {
        tx.update("UPDATE objectives SET supervisor_pokes = supervisor_pokes + 1 WHERE id = ?", objectiveId);
    }

    /** The objective made progress: pokes count from zero again. */
    void resetPokes(String objectiveId) throws SQLException {
        tx.update("UPDATE objectives SET supervisor_pokes = 0 WHERE id = ? AND supervisor_pokes <> 0", objectiveId);
    }

    public void grantRespawns(String objectiveId, int more) throws SQLException {
        tx.update("UPDATE objectives SET respawn_grant = respawn_grant + ? WHERE id = ?", more, objectiveId);
    }

    public void setOperatorNote(String objectiveId, String note) throws SQLException {
        tx.update("UPDATE objectives SET operator_note = ? WHERE id = ?", note, objectiveId);
    }
}
