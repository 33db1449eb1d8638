package dev.bosun.store;

import dev.bosun.domain.AuditType;
import dev.bosun.domain.Actor;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.Ids;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionMode;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.Transitions;
import dev.bosun.domain.WireNames;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

public final class Sessions {
    private final Tx tx;

    Sessions(Tx tx) {
        this.tx = tx;
    }

    public Session create(NewSession s, Actor actor) throws SQLException {
        String id = Ids.next("ses", tx.now());
        tx.update("INSERT INTO sessions(id, objective_id, parent_session_id, role, agent, mode, status, title, goal,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, s.objectiveId(), s.parentSessionId(), s.role(), s.agent(), s.mode(), SessionStatus.QUEUED,
                s.title(), s.goal(), tx.now(), tx.now());
        for (String dep : s.dependsOn()) {
            tx.update("INSERT INTO session_dependencies(session_id, depends_on) VALUES (?, ?)", id, dep);
        }
        tx.audit().record(s.objectiveId(), id, AuditType.SESSION_CREATED,
                WireNames.of(s.role()) + " session queued: " + s.title(), actor);
        touch(id);
        return byId(id).orElseThrow();
    }

    public Optional<Session> byId(String id) throws SQLException {
        return tx.one("SELECT * FROM sessions WHERE id = ?", Sessions::map, id);
    }

    public List<Session> forObjective(String objectiveId) throws SQLException {
        return tx.list("SELECT * FROM sessions WHERE objective_id = ? ORDER BY id", Sessions::map, objectiveId);
    }

    /** Sessions not yet ended, oldest first. */
    public List<Session> live() throws SQLException {
        return tx.list("SELECT * FROM sessions WHERE " + Sql.LIVE_SESSION + " ORDER BY created_at, id", Sessions::map);
    }

    /** The sessions that depend on this one (they started from its work). */
    public List<String> dependents(String sessionId) throws SQLException {
        return tx.list("SELECT session_id FROM session_dependencies WHERE depends_on = ? ORDER BY session_id",
                rs -> rs.getString(1), sessionId);
    }

    public List<String> dependencies(String sessionId) throws SQLException {
        return tx.list("SELECT depends_on FROM session_dependencies WHERE session_id = ? ORDER BY depends_on",
                rs -> rs.getString(1), sessionId);
    }

    public Transition<SessionStatus> transition(String id, SessionStatus to, String reason, Actor actor)
            throws SQLException {
        String objectiveId = tx.one("SELECT objective_id FROM sessions WHERE id = ?", rs -> rs.getString(1), id)
                .orElseThrow(() -> new StoreException("no session with id " + id));
        Transition<SessionStatus> t =
                StatusChanges.apply(tx, Transitions.SESSION, "sessions", id, to, objectiveId, id, reason, actor);
        if (t.applied()) {
            if (to == SessionStatus.RUNNING) {
                tx.update("UPDATE sessions SET ever_ran = 1, started_at = COALESCE(started_at, ?) WHERE id = ?",
                        tx.now(), id);
            }
            if (to.terminal()) {
                tx.update("UPDATE sessions SET completed_at = ? WHERE id = ?", tx.now(), id);
            }
        }
        touch(id);
        return t;
    }

    /** Sessions waiting to start ({@code queued} or {@code waiting_capacity}), oldest first. */
    public List<Startable> startable() throws SQLException {
        // a pass reads this whole queue each time, however long: only what placement needs, one text per row
        return tx.list("SELECT " + Packed.of("id", "role", "target_id", "agent", "status") + " FROM sessions WHERE "
                + Sql.in("status", SessionStatus.STARTABLE) + " ORDER BY created_at, id", rs -> {
                    Packed p = Packed.parse(rs.getString(1), 5);
                    return new Startable(p.string(0), p.enumOf(1, dev.bosun.domain.SessionRole.class), p.string(2),
                            p.enumOf(3, dev.bosun.domain.AgentKind.class), p.enumOf(4, SessionStatus.class));
                });
    }

    /** A session waiting to start, as placement sees it. */
    public record Startable(String id, dev.bosun.domain.SessionRole role, String targetId,
            dev.bosun.domain.AgentKind agent, SessionStatus status) {}

    /** Each dependency's status, for every startable session: session id → (dependency id → status). */
    public java.util.Map<String, java.util.Map<String, SessionStatus>> dependencyStatuses() throws SQLException {
        java.util.Map<String, java.util.Map<String, SessionStatus>> out = new java.util.HashMap<>();
        tx.list("SELECT d.session_id, d.depends_on, s.status FROM session_dependencies d"
                + " JOIN sessions w ON w.id = d.session_id AND " + Sql.in("w.status", SessionStatus.STARTABLE)
                + " JOIN sessions s ON s.id = d.depends_on", rs -> {
                    out.computeIfAbsent(rs.getString(1), k -> new java.util.HashMap<>())
                            .put(rs.getString(2), Tx.enumOf(rs, "status", SessionStatus.class));
                    return null;
                });
        return out;
    }

    /** Workers holding a slot (starting, running or waiting on the operator), by target id. */
    public java.util.Map<String, Integer> workersByTarget() throws SQLException {
        java.util.Map<String, Integer> out = new java.util.HashMap<>();
        tx.list("SELECT target_id, COUNT(*) FROM sessions WHERE role <> 'manager' AND target_id IS NOT NULL"
                + " AND " + Sql.in("status", SessionStatus.HOLDS_SLOT) + " GROUP BY target_id", rs -> {
                    out.put(rs.getString(1), rs.getInt(2));
                    return null;
                });
        return out;
    }

    /** How many sessions on the target are in one of {@code statuses}. */
    public int countOnTarget(String targetId, java.util.Set<SessionStatus> statuses) throws SQLException {
        return tx.one("SELECT COUNT(*) FROM sessions WHERE target_id = ? AND " + Sql.in("status", statuses),
                rs -> rs.getInt(1), targetId).orElse(0);
    }

    /** How many sessions that depend on this one have not ended yet. */
    public int pendingDependents(String id) throws SQLException {
        return tx.one("SELECT COUNT(*) FROM session_dependencies d JOIN sessions s ON s.id = d.session_id"
                + " WHERE d.depends_on = ? AND " + Sql.notIn("s.status", SessionStatus.TERMINAL),
                rs -> rs.getInt(1), id).orElse(0);
    }

    /** Sessions this one spawned, directly. */
    public List<Session> children(String id) throws SQLException {
        return tx.list("SELECT * FROM sessions WHERE parent_session_id = ? ORDER BY created_at, id", Sessions::map, id);
    }

    /** The session works in this checkout (the GC keeps a checkout while a live session references it). */
    public void bindWorkspace(String id, String workspaceId) throws SQLException {
        tx.update("UPDATE sessions SET workspace_id = ?, updated_at = ? WHERE id = ?", workspaceId, tx.now(), id);
        touch(id);
    }

    public void bindTarget(String id, String targetId) throws SQLException {
        tx.update("UPDATE sessions SET target_id = ?, updated_at = ? WHERE id = ?", targetId, tx.now(), id);
        touch(id);
    }

    /** The session is a follow-up of a pull request: it works on a checkout of that PR's branch. */
    public void markFollowUp(String id, String pullRequestId) throws SQLException {
        tx.update("UPDATE sessions SET follow_up_of = ? WHERE id = ?", pullRequestId, id);
    }

    /** The pull request this session follows up, if it is a follow-up. */
    public Optional<String> followUpOf(String id) throws SQLException {
        return tx.one("SELECT follow_up_of FROM sessions WHERE id = ? AND follow_up_of IS NOT NULL",
                rs -> rs.getString(1), id);
    }

    /** How many follow-ups the pull request has had, ended or not. */
    public int followUpCount(String pullRequestId) throws SQLException {
        return tx.one("SELECT COUNT(*) FROM sessions WHERE follow_up_of = ?", rs -> rs.getInt(1), pullRequestId)
                .orElse(0);
    }

    /** The pull request's follow-up that has not ended, if there is one (there is at most one). */
    public Optional<Session> liveFollowUp(String pullRequestId) throws SQLException {
        return tx.one("SELECT * FROM sessions WHERE follow_up_of = ? AND " + Sql.LIVE_SESSION
                + " ORDER BY created_at LIMIT 1", Sessions::map, pullRequestId);
    }

    /** Its manager discarded its unpublished work, for this reason (recorded in the audit trail too). */
    public void discardWork(String id, String reason) throws SQLException {
        tx.update("UPDATE sessions SET discarded_reason = ? WHERE id = ?", reason, id);
    }

    public Optional<String> discardedReason(String id) throws SQLException {
        return tx.one("SELECT discarded_reason FROM sessions WHERE id = ? AND discarded_reason IS NOT NULL",
                rs -> rs.getString(1), id);
    }

    /** The agent's own conversation id, which a resume continues. */
    public void setProviderRef(String id, String ref) throws SQLException {
        tx.update("UPDATE sessions SET provider_ref = ? WHERE id = ?", ref, id);
    }

    public java.util.Optional<String> providerRef(String id) throws SQLException {
        return tx.one("SELECT provider_ref FROM sessions WHERE id = ? AND provider_ref IS NOT NULL",
                rs -> rs.getString(1), id);
    }

    /** The agent said something: it is alive. Updates the activity line when one is given. */
    public void recordOutput(String id, String activity) throws SQLException {
        if (activity == null) {
            tx.update("UPDATE sessions SET last_output_at = ? WHERE id = ?", tx.now(), id);
        } else {
            tx.update("UPDATE sessions SET last_output_at = ?, activity = ?, updated_at = ? WHERE id = ?", tx.now(),
                    activity, tx.now(), id);
            touch(id);
        }
    }

    /** The agent was given a message: it is busy with it from now. */
    public void recordInput(String id) throws SQLException {
        tx.update("UPDATE sessions SET updated_at = ? WHERE id = ?", tx.now(), id);
        touch(id);
    }

    public void setResultSummary(String id, String summary) throws SQLException {
        tx.update("UPDATE sessions SET result_summary = ?, updated_at = ? WHERE id = ?", summary, tx.now(), id);
        touch(id);
    }

    /** The agent reported its result (a worker's {@code report_result}); the last report wins. */
    public void reportResult(String id, String result) throws SQLException {
        tx.update("UPDATE sessions SET reported_result = ?, activity = 'reported its result', updated_at = ?"
                + " WHERE id = ?", result, tx.now(), id);
        touch(id);
    }

    public java.util.Optional<String> reportedResult(String id) throws SQLException {
        return tx.one("SELECT reported_result FROM sessions WHERE id = ? AND reported_result IS NOT NULL",
                rs -> rs.getString(1), id);
    }

    /**
     * Adds one turn's tokens and cost to the session's totals. Not activity: the turn's output already counted, and a
     * late usage report must not make a quiet agent look busy.
     */
    public void addUsage(String id, long tokens, double costUsd) throws SQLException {
        tx.update("UPDATE sessions SET tokens = tokens + ?, cost_usd = cost_usd + ? WHERE id = ?", tokens, costUsd,
                id);
        tx.update("INSERT INTO usage_events(objective_id, session_id, at, tokens, cost_usd)"
                + " SELECT objective_id, id, ?, ?, ? FROM sessions WHERE id = ?", tx.now(), tokens, costUsd, id);
        touch(id);
    }

    /** Tokens and cost an agent (or all of an objective's) used, as its CLI reported them. */
    public record Usage(long tokens, double costUsd) {}

    /** One turn's spend, when it was reported. */
    public record UsagePoint(java.time.Instant at, long tokens, double costUsd) {}

    /** The objective's turns' spend in time order: its detail's chart. */
    public java.util.List<UsagePoint> usageOverTime(String objectiveId) throws SQLException {
        return tx.list("SELECT at, tokens, cost_usd FROM usage_events WHERE objective_id = ? ORDER BY at, id",
                rs -> new UsagePoint(Tx.instant(rs, "at"), rs.getLong("tokens"), rs.getDouble("cost_usd")),
                objectiveId);
    }

    /** A day's spend over all objectives ({@code day}: yyyy-MM-dd in this machine's time zone). */
    public record DayUsage(String day, long tokens, double costUsd) {}

    /** The spend of each of the last {@code days} days that had any, newest first. */
    public java.util.List<DayUsage> usagePerDay(int days) throws SQLException {
        return tx.list("SELECT date(at / 1000, 'unixepoch', 'localtime') AS day, SUM(tokens), SUM(cost_usd)"
                + " FROM usage_events WHERE at >= ? GROUP BY day ORDER BY day DESC",
                rs -> new DayUsage(rs.getString(1), rs.getLong(2), rs.getDouble(3)),
                tx.now().minus(java.time.Duration.ofDays(days)).toEpochMilli());
    }

    /** A manager of an objective as an escalation shows it: how it ended, what it used, the last it wrote. */
    public record ManagerRun(Session session, Usage usage, java.util.List<dev.bosun.domain.TranscriptEntry> last) {}

    /** The objective's managers, oldest first, each with its usage and up to {@code lines} last transcript entries. */
    public java.util.List<ManagerRun> managerRuns(String objectiveId, int lines) throws SQLException {
        java.util.List<ManagerRun> out = new java.util.ArrayList<>();
        for (Session s : forObjective(objectiveId)) {
            if (s.role() == SessionRole.MANAGER) {
                Usage u = tx.one("SELECT tokens, cost_usd FROM sessions WHERE id = ?", rs -> new Usage(rs.getLong(1),
                        rs.getDouble(2)), s.id()).orElse(new Usage(0, 0));
                out.add(new ManagerRun(s, u, tx.transcripts().before(s.id(), Long.MAX_VALUE, lines)));
            }
        }
        return out;
    }

    public Usage usageOfObjective(String objectiveId) throws SQLException {
        return tx.one("SELECT COALESCE(SUM(tokens), 0), COALESCE(SUM(cost_usd), 0) FROM sessions"
                + " WHERE objective_id = ?", rs -> new Usage(rs.getLong(1), rs.getDouble(2)), objectiveId)
                .orElse(new Usage(0, 0));
    }

    /** The one-line "what is it doing now" shown in the sessions table. */
    public void setActivity(String id, String activity) throws SQLException {
        tx.update("UPDATE sessions SET activity = ?, updated_at = ? WHERE id = ?", activity, tx.now(), id);
        touch(id);
    }

    /** A session's change shows in its own row, its objective's counts and its target's load. */
    private void touch(String id) throws SQLException {
        tx.changes().sessions.add(id);
        tx.one("SELECT objective_id, target_id FROM sessions WHERE id = ?", rs -> {
            tx.changes().objectives.add(rs.getString(1));
            if (rs.getString(2) != null) {
                tx.changes().targets.add(rs.getString(2));
            }
            return id;
        }, id);
    }

    static Session map(ResultSet rs) throws SQLException {
        return new Session(rs.getString("id"), rs.getString("objective_id"), rs.getString("parent_session_id"),
                Tx.enumOf(rs, "role", SessionRole.class), Tx.enumOf(rs, "agent", AgentKind.class),
                Tx.enumOf(rs, "mode", SessionMode.class), Tx.enumOf(rs, "status", SessionStatus.class),
                rs.getString("title"), rs.getString("goal"), rs.getString("target_id"), rs.getString("workspace_id"),
                rs.getString("activity"), rs.getString("result_summary"), rs.getInt("ever_ran") != 0,
                Tx.instant(rs, "created_at"), Tx.instant(rs, "started_at"), Tx.instant(rs, "updated_at"),
                Tx.instant(rs, "completed_at"), Tx.instant(rs, "last_output_at"));
    }
}
