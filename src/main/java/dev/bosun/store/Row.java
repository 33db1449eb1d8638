package dev.bosun.store;

import java.time.Instant;

/**
 * Immutable rows of the UI tables (the read model). They carry no transcript text and no prompt bodies, so a table
 * of thousands of rows stays small. {@link #key()} is unique within a row type.
 */
public sealed interface Row {
    String key();

    /**
     * {@code managerStatus} is the newest manager's status, or {@code escalated} while a supervisor escalation is
     * open; {@code managersRan} counts managers that really ran, against the respawn budget plus {@code respawnGrant};
     * {@code workers} counts all its workers, live or ended; tokens and cost are summed over all its sessions.
     */
    record ObjectiveRow(String id, String title, String status, String repository, String managerAgent,
            String managerStatus, Instant managerLastOutput, int liveWorkers, int workers, int openPullRequests,
            int mergedPullRequests, int openQuestions, int managersRan, int respawnGrant, long tokens, double costUsd,
            Instant createdAt, Instant updatedAt) implements Row {
        public String key() {
            return id;
        }
    }

    /** {@code agent} is its label; {@code tokens} and {@code costUsd} are summed over the agent's turns. */
    record SessionRow(String id, String objectiveId, String role, String agent, String status, String title,
            String target, String activity, String result, long tokens, double costUsd, Instant createdAt,
            Instant updatedAt) implements Row {
        public String key() {
            return id;
        }
    }

    record PullRequestRow(String id, String objectiveId, String repository, int number, String title, String status,
            String checks, String branch, String baseBranch, String objectiveTitle, String url, String mergeable,
            String conflictFiles, Integer commits, String diffStat, Instant updatedAt) implements Row {
        public String key() {
            return id;
        }
    }

    /** {@code gcNote}: why the GC reclaimed it, or what went wrong the last time it tried. */
    /** {@code sizeKb} is the last sample of its size on disk, null before the first. */
    record WorkspaceRow(String id, String objectiveId, String sessionId, String target, String path, String branch,
            String status, String gcNote, Long sizeKb, Instant updatedAt) implements Row {
        public String key() {
            return id;
        }
    }

    /** {@code freeDiskMb} is null until measured; {@code doctor} is the last doctor report, one line per check. */
    record TargetRow(String id, String name, String kind, String status, String host, String workRoot, int capacity,
            int running, Long freeDiskMb, String doctor, Instant lastSeenAt) implements Row {
        public String key() {
            return id;
        }
    }

    record QuestionRow(String id, String objectiveId, String sessionId, String kind, String status, int priority,
            String text, String answer, Instant createdAt) implements Row {
        public String key() {
            return id;
        }
    }

    record ActivityRow(long seq, Instant at, String objectiveId, String sessionId, String type, String summary,
            String actor) implements Row {
        public String key() {
            return Long.toString(seq);
        }
    }
}
