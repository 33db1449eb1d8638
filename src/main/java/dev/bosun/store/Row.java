package dev.bosun.store;

import dev.bosun.domain.Actor;
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
import dev.bosun.domain.WorkspaceStatus;
import java.time.Instant;

/**
 * Immutable rows of the UI tables (the read model). They carry no transcript text and no prompt bodies, so a table
 * of thousands of rows stays small. {@link #key()} is unique within a row type.
 */
public sealed interface Row {
    String key();

    /**
     * {@code manager}: the newest manager's status, and whether a supervisor escalation is open; {@code managersRan}
     * counts managers that really ran, against the respawn budget plus {@code respawnGrant};
     * {@code workers} counts all its workers, live or ended; tokens and cost are summed over all its sessions.
     */
    record ObjectiveRow(String id, String title, ObjectiveStatus status, String repository, String managerAgent,
            ManagerState manager, Instant managerLastOutput, int liveWorkers, int workers, int openPullRequests,
            int mergedPullRequests, int openQuestions, int managersRan, int respawnGrant, long tokens, double costUsd,
            Instant createdAt, Instant updatedAt, Integer maxManagers) implements Row {
        /** With the setting's managers budget. */
        public ObjectiveRow(String id, String title, ObjectiveStatus status, String repository, String managerAgent,
                ManagerState manager, Instant managerLastOutput, int liveWorkers, int workers, int openPullRequests,
                int mergedPullRequests, int openQuestions, int managersRan, int respawnGrant, long tokens,
                double costUsd, Instant createdAt, Instant updatedAt) {
            this(id, title, status, repository, managerAgent, manager, managerLastOutput, liveWorkers, workers,
                    openPullRequests, mergedPullRequests, openQuestions, managersRan, respawnGrant, tokens, costUsd,
                    createdAt, updatedAt, null);
        }

        /** How many managers may run and end unfinished before the operator is asked, grants included. */
        public int managersBudget(int setting) {
            return (maxManagers != null ? maxManagers : setting) + respawnGrant;
        }

        public String key() {
            return id;
        }
    }

    /** {@code agent} is its label; {@code tokens} and {@code costUsd} are summed over the agent's turns. */
    record SessionRow(String id, String objectiveId, SessionRole role, String agent, SessionStatus status,
            String title, String target, String activity, String result, long tokens, double costUsd, Instant createdAt,
            Instant updatedAt) implements Row {
        public String key() {
            return id;
        }
    }

    record PullRequestRow(String id, String objectiveId, String repository, int number, String title,
            PullRequestStatus status, ChecksState checks, String branch, String baseBranch, String objectiveTitle,
            String url, String mergeable, String conflictFiles, Integer commits, String diffStat, String headSha,
            Instant updatedAt) implements Row {
        public String key() {
            return id;
        }
    }

    /**
     * {@code gcNote}: why the GC reclaimed it, or what went wrong the last time it tried; {@code sizeKb} is the last
     * sample of its size on disk, null before the first.
     */
    record WorkspaceRow(String id, String objectiveId, String sessionId, String target, String path, String branch,
            WorkspaceStatus status, String gcNote, Long sizeKb, Instant updatedAt) implements Row {
        public String key() {
            return id;
        }
    }

    /** {@code freeDiskMb} is null until measured; {@code doctor} is the last doctor report, one line per check. */
    record TargetRow(String id, String name, TargetKind kind, TargetStatus status, String host, String workRoot,
            int capacity, int running, Long freeDiskMb, String doctor, String agents, String sandbox,
            Instant lastSeenAt) implements Row {
        public String key() {
            return id;
        }
    }

    record QuestionRow(String id, String objectiveId, String sessionId, QuestionKind kind, QuestionStatus status,
            int priority, String text, String answer, Instant createdAt) implements Row {
        public String key() {
            return id;
        }
    }

    record ActivityRow(long seq, Instant at, String objectiveId, String sessionId, String type, String summary,
            Actor actor) implements Row {
        public String key() {
            return Long.toString(seq);
        }
    }
}
