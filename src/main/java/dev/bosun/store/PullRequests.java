package dev.bosun.store;

import dev.bosun.domain.AuditType;
import dev.bosun.domain.Actor;
import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.domain.ChecksState;
import dev.bosun.domain.Ids;
import dev.bosun.domain.PrFeedback;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.domain.Transitions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

public final class PullRequests {
    private final Tx tx;

    PullRequests(Tx tx) {
        this.tx = tx;
    }

    public PullRequest create(String objectiveId, String sessionId, String repository, int number, String url,
            String title, String branch, String baseBranch, PullRequestStatus status, Actor actor)
            throws SQLException {
        String id = Ids.next("pr", tx.now());
        tx.update("INSERT INTO pull_requests(id, objective_id, session_id, repository, number, url, title, branch,"
                        + " base_branch, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, objectiveId, sessionId, repository, number, url, title, branch, baseBranch, status, tx.now(),
                tx.now());
        tx.audit().record(objectiveId, sessionId, AuditType.PR_PUBLISHED, "PR #" + number + " " + title, actor);
        touch(id, objectiveId);
        return byId(id).orElseThrow();
    }

    /**
     * Records a branch Bosun pushed as an open PR. A forge that numbers its PRs gives {@code number}; for the local
     * forge ({@code number} null) it is numbered after the repository's last one.
     */
    public PullRequest record(String objectiveId, String sessionId, String repository, String forge, Integer number,
            String url, String title, String body, String branch, String baseBranch, String headSha, Actor actor)
            throws SQLException {
        int n = number != null ? number : tx.one("SELECT COALESCE(MAX(number), 0) + 1 FROM pull_requests"
                + " WHERE repository = ?", rs -> rs.getInt(1), repository).orElse(1);
        PullRequest pr = create(objectiveId, sessionId, repository, n, url == null ? "" : url, title, branch,
                baseBranch, PullRequestStatus.OPEN, actor);
        tx.update("UPDATE pull_requests SET body = ?, head_sha = ?, pushed_sha = ?, forge = ? WHERE id = ?", body,
                headSha, headSha, forge, pr.id());
        return byId(pr.id()).orElseThrow();
    }

    public PullRequest recordLocal(String objectiveId, String sessionId, String repository, String title, String body,
            String branch, String baseBranch, String headSha, Actor actor) throws SQLException {
        return record(objectiveId, sessionId, repository, "local", null, "", title, body, branch, baseBranch, headSha,
                actor);
    }

    /**
     * The PR was updated: perhaps Bosun pushed new commits ({@code pushedSha}, else null), perhaps its title or
     * description changed.
     */
    public void recordUpdate(String id, String headSha, String pushedSha, String title, String body, Actor actor)
            throws SQLException {
        PullRequest pr = byId(id).orElseThrow(() -> new StoreException("no pull request with id " + id));
        tx.update("UPDATE pull_requests SET head_sha = ?, pushed_sha = COALESCE(?, pushed_sha),"
                + " title = COALESCE(?, title), body = COALESCE(?, body), updated_at = ? WHERE id = ?", headSha,
                pushedSha, title, body, tx.now(), id);
        tx.audit().record(pr.objectiveId(), pr.sessionId(), AuditType.PR_UPDATED, "PR #" + pr.number() + " now at "
                + headSha.substring(0, Math.min(12, headSha.length())), actor);
        touch(id, pr.objectiveId());
    }

    /** The head Bosun itself last pushed to the PR's branch. */
    public String pushedSha(String id) throws SQLException {
        return tx.one("SELECT pushed_sha FROM pull_requests WHERE id = ?", rs -> rs.getString(1), id).orElse("");
    }

    /** Adds what a forge reported, once: returns whether it is new. */
    public boolean addFeedback(String id, PrFeedback f) throws SQLException {
        return tx.update("INSERT OR IGNORE INTO pr_feedback(pull_request_id, key, kind, text, created_at)"
                + " VALUES (?, ?, ?, ?, ?)", id, f.key(), f.kind(), f.text(), tx.now()) > 0;
    }

    /** What no follow-up has been handed yet, oldest first. */
    public java.util.List<PrFeedback> unhandledFeedback(String id) throws SQLException {
        return tx.list("SELECT key, kind, text FROM pr_feedback WHERE pull_request_id = ? AND handled_by IS NULL"
                + " ORDER BY created_at, key", rs -> new PrFeedback(rs.getString(1), rs.getString(2),
                rs.getString(3)), id);
    }

    /** All its feedback, oldest first, handed to a follow-up or not: what the review pane shows. */
    public java.util.List<PrFeedback.Recorded> feedbackHistory(String id) throws SQLException {
        return tx.list("SELECT * FROM pr_feedback WHERE pull_request_id = ? ORDER BY created_at, key",
                rs -> new PrFeedback.Recorded(new PrFeedback(rs.getString("key"), rs.getString("kind"),
                        rs.getString("text")), Tx.instant(rs, "created_at"), rs.getString("handled_by")), id);
    }

    /** What was handed to a follow-up. */
    public java.util.List<PrFeedback> feedbackOf(String followUpId) throws SQLException {
        return tx.list("SELECT key, kind, text FROM pr_feedback WHERE handled_by = ? ORDER BY created_at, key",
                rs -> new PrFeedback(rs.getString(1), rs.getString(2), rs.getString(3)), followUpId);
    }

    /** Everything unhandled is now in {@code followUpId}'s task. */
    public void markFeedbackHandled(String id, String followUpId) throws SQLException {
        tx.update("UPDATE pr_feedback SET handled_by = ? WHERE pull_request_id = ? AND handled_by IS NULL",
                followUpId, id);
    }

    /** Open and draft pull requests, oldest first: what a refresh looks at. */
    public java.util.List<PullRequest> open() throws SQLException {
        return tx.list("SELECT * FROM pull_requests WHERE " + Sql.PR_AWAITING_REVIEW + " ORDER BY created_at, id",
                PullRequests::map);
    }

    /** What a refresh looks at: the open PRs, and the closed ones of objectives still going (one may be reopened). */
    public java.util.List<PullRequest> toRefresh() throws SQLException {
        return tx.list("SELECT p.* FROM pull_requests p JOIN objectives o ON o.id = p.objective_id"
                + " WHERE " + Sql.in("p.status", PullRequestStatus.AWAITING_REVIEW) + " OR (" + Sql.is("p.status",
                PullRequestStatus.CLOSED) + " AND " + Sql.in("o.status", ObjectiveStatus.LIVE) + ")"
                + " ORDER BY p.created_at, p.id", PullRequests::map);
    }

    /** Whether a PR merges cleanly, as its last refresh found: mergeable, conflicting (with the files) or unknown. */
    public record MergeState(String mergeable, String conflictFiles) {}

    public MergeState mergeState(String id) throws SQLException {
        return tx.one("SELECT mergeable, conflict_files FROM pull_requests WHERE id = ?", rs -> new MergeState(
                rs.getString("mergeable") == null ? "unknown" : rs.getString("mergeable"),
                rs.getString("conflict_files") == null ? "" : rs.getString("conflict_files")), id)
                .orElse(new MergeState("unknown", ""));
    }

    /** What a refresh found: head, mergeable or conflicting (with the files), commits and diff size. */
    public void recordState(String id, String headSha, String mergeable, Integer commits, String diffStat,
            String conflictFiles) throws SQLException {
        tx.update("UPDATE pull_requests SET head_sha = ?, mergeable = ?, commits = ?, diff_stat = ?,"
                + " conflict_files = ?, updated_at = ? WHERE id = ?", headSha, mergeable, commits, diffStat,
                conflictFiles, tx.now(), id);
        byId(id).ifPresent(pr -> touch(id, pr.objectiveId()));
    }

    public java.util.List<PullRequest> forObjective(String objectiveId) throws SQLException {
        return tx.list("SELECT * FROM pull_requests WHERE objective_id = ? ORDER BY number", PullRequests::map,
                objectiveId);
    }

    public Optional<PullRequest> byId(String id) throws SQLException {
        return tx.one("SELECT * FROM pull_requests WHERE id = ?", PullRequests::map, id);
    }

    public Transition<PullRequestStatus> transition(String id, PullRequestStatus to, String reason, Actor actor)
            throws SQLException {
        PullRequest pr = byId(id).orElseThrow(() -> new StoreException("no pull request with id " + id));
        Transition<PullRequestStatus> t = StatusChanges.apply(tx, Transitions.PULL_REQUEST, "pull_requests", id, to,
                pr.objectiveId(), pr.sessionId(), reason, actor);
        touch(id, pr.objectiveId());
        return t;
    }

    public void setChecks(String id, ChecksState checks) throws SQLException {
        tx.update("UPDATE pull_requests SET checks = ?, updated_at = ? WHERE id = ?", checks, tx.now(), id);
        byId(id).ifPresent(pr -> tx.changes().objectives.add(pr.objectiveId()));
        tx.changes().pullRequests.add(id);
    }

    private void touch(String id, String objectiveId) {
        tx.changes().pullRequests.add(id);
        tx.changes().objectives.add(objectiveId);
    }

    static PullRequest map(ResultSet rs) throws SQLException {
        return new PullRequest(rs.getString("id"), rs.getString("objective_id"), rs.getString("session_id"),
                rs.getString("repository"), rs.getInt("number"), rs.getString("url"), rs.getString("title"),
                rs.getString("branch"), rs.getString("base_branch"), rs.getString("head_sha"),
                Tx.enumOf(rs, "status", PullRequestStatus.class), Tx.enumOf(rs, "checks", ChecksState.class),
                Tx.instant(rs, "created_at"), Tx.instant(rs, "updated_at"), rs.getString("forge"));
    }
}
