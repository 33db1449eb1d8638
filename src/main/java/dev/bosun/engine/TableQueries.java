package dev.bosun.engine;

import dev.bosun.domain.AuditEvent;
import dev.bosun.domain.Objective;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.Question;
import dev.bosun.domain.Session;
import dev.bosun.domain.TranscriptEntry;
import dev.bosun.store.Database;
import dev.bosun.store.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Read side for the UI: every table's rows at once, read off the engine thread on a read-only snapshot. */
public final class TableQueries {
    /** How much of the audit trail the Activity table loads at start; the rest stays in SQLite. */
    public static final int ACTIVITY_ROWS = 1000;

    private final Engine engine;
    private final Database db;

    public TableQueries(Engine engine, Database db) {
        this.engine = engine;
        this.db = db;
    }

    /** A session's transcript entries just before {@code beforeSeq} (use Long.MAX_VALUE for the newest), oldest first. */
    public CompletableFuture<List<TranscriptEntry>> transcriptBefore(String sessionId, long beforeSeq, int limit) {
        return engine.onIo(() -> db.read(tx -> tx.transcripts().before(sessionId, beforeSeq, limit)));
    }

    /** A session's transcript entries after {@code afterSeq}, oldest first: what it said since. */
    public CompletableFuture<List<TranscriptEntry>> transcriptAfter(String sessionId, long afterSeq, int limit) {
        return engine.onIo(() -> db.read(tx -> tx.transcripts().after(sessionId, afterSeq, limit)));
    }

    /** One objective in full, for its detail view: prompt, sessions, PRs, questions and its timeline. */
    public record ObjectiveDetail(Objective objective, List<Session> sessions, List<PullRequest> pullRequests,
            List<Question> questions, List<AuditEvent> timeline,
            List<dev.bosun.store.Sessions.UsagePoint> usage) {}

    public CompletableFuture<java.util.Optional<ObjectiveDetail>> objectiveDetail(String objectiveId) {
        return engine.onIo(() -> db.read(tx -> {
            java.util.Optional<Objective> o = tx.objectives().byId(objectiveId);
            if (o.isEmpty()) {
                return java.util.Optional.<ObjectiveDetail>empty();
            }
            return java.util.Optional.of(new ObjectiveDetail(o.get(), tx.sessions().forObjective(objectiveId),
                    tx.pullRequests().forObjective(objectiveId), tx.questions().forObjective(objectiveId),
                    tx.audit().forObjective(objectiveId), tx.sessions().usageOverTime(objectiveId)));
        }));
    }

    /** The spend of each of the last {@code days} days, newest first. */
    public CompletableFuture<List<dev.bosun.store.Sessions.DayUsage>> usagePerDay(int days) {
        return engine.onIo(() -> db.read(tx -> tx.sessions().usagePerDay(days)));
    }

    /** A pull request's checks' output, review comments and conflicts, oldest first, for its review pane. */
    public CompletableFuture<List<dev.bosun.domain.PrFeedback.Recorded>> pullRequestFeedback(String pullRequestId) {
        return engine.onIo(() -> db.read(tx -> tx.pullRequests().feedbackHistory(pullRequestId)));
    }

    /** One question in full: for an escalation, its context says what happened and what state the objective is in. */
    public CompletableFuture<java.util.Optional<Question>> question(String questionId) {
        return engine.onIo(() -> db.read(tx -> tx.questions().byId(questionId)));
    }

    public CompletableFuture<List<Row>> allRows() {
        return engine.onIo(() -> db.read(tx -> {
            List<Row> rows = new ArrayList<>();
            rows.addAll(tx.rows().objectives());
            rows.addAll(tx.rows().sessions());
            rows.addAll(tx.rows().pullRequests());
            rows.addAll(tx.rows().workspaces());
            rows.addAll(tx.rows().targets());
            rows.addAll(tx.rows().questions());
            rows.addAll(tx.rows().activity(ACTIVITY_ROWS));
            return rows;
        }));
    }
}
