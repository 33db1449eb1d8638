package dev.bosun.store;

import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.domain.QuestionStatus;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.WireNames;
import dev.bosun.domain.WorkspaceStatus;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * SQL conditions built from the domain's named status sets, so that no status list is written by hand. SQLite uses
 * a partial index only when a query's condition is the index's own, term for term; {@link #PARTIAL_INDEXES} names
 * the condition each partial index of the migrations was made with, and a test checks the schema against it.
 */
final class Sql {
    private Sql() {}

    /** {@code column IN ('a', 'b')}, in declaration order. */
    static String in(String column, Set<? extends Enum<?>> values) {
        return column + " IN " + list(values);
    }

    /** {@code column NOT IN ('a', 'b')}, in declaration order. */
    static String notIn(String column, Set<? extends Enum<?>> values) {
        return column + " NOT IN " + list(values);
    }

    /** {@code column = 'a'}. */
    static String is(String column, Enum<?> value) {
        return column + " = " + quote(value);
    }

    /** {@code column <> 'a'}. */
    static String isNot(String column, Enum<?> value) {
        return column + " <> " + quote(value);
    }

    /** Enum names are lowercase letters and underscores: no quoting problem can arise. */
    static String quote(Enum<?> value) {
        return "'" + WireNames.of(value) + "'";
    }

    private static String list(Set<? extends Enum<?>> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an empty status set makes no SQL list");
        }
        return values.stream().map(Sql::quote).collect(Collectors.joining(", ", "(", ")"));
    }

    static final String LIVE_OBJECTIVE = in("status", ObjectiveStatus.LIVE);
    static final String LIVE_SESSION = notIn("status", SessionStatus.TERMINAL);
    static final String UNARCHIVED_WORKSPACE = isNot("status", WorkspaceStatus.ARCHIVED);
    static final String OPEN_QUESTION = is("status", QuestionStatus.OPEN);
    static final String PR_AWAITING_REVIEW = in("status", PullRequestStatus.AWAITING_REVIEW);
    static final String QUEUED_MESSAGE = is("state", SteeringMessages.State.QUEUED);

    /** Each partial index on a status, with the condition the queries that should use it are written with. */
    static final Map<String, String> PARTIAL_INDEXES = Map.of(
            "objectives_live", LIVE_OBJECTIVE,
            "sessions_live", LIVE_SESSION,
            "workspaces_unarchived", UNARCHIVED_WORKSPACE,
            "questions_open", OPEN_QUESTION,
            "pull_requests_awaiting_review", PR_AWAITING_REVIEW,
            "steering_queued", QUEUED_MESSAGE);
}
