package dev.bosun.domain;

import java.time.Instant;
import java.util.List;

/**
 * One active objective as the supervisor sees it: everything {@link SupervisorPolicy} needs, loaded for all
 * objectives at once by set-based queries. {@code lastActionAt} and {@code respawnGrant} are persisted, so a restart
 * neither resets the cooldown nor forgets what the operator approved.
 */
public record SupervisedObjective(
        String id,
        String title,
        String prompt,
        ObjectiveStatus status,
        AgentKind managerAgent,
        Instant lastActionAt,
        int respawnGrant,
        String operatorNote,
        boolean openEscalation,
        List<SessionView> sessions,
        List<PullRequestView> pullRequests,
        int pokesWithoutProgress,
        int heldNotices,
        /** The operator's managers budget for it; 0: the supervisor.max.managers setting. */
        int maxManagers) {

    public SupervisedObjective {
        sessions = List.copyOf(sessions);
        pullRequests = List.copyOf(pullRequests);
    }

    /** With the setting's managers budget. */
    public SupervisedObjective(String id, String title, String prompt, ObjectiveStatus status, AgentKind managerAgent,
            Instant lastActionAt, int respawnGrant, String operatorNote, boolean openEscalation,
            List<SessionView> sessions, List<PullRequestView> pullRequests, int pokesWithoutProgress,
            int heldNotices) {
        this(id, title, prompt, status, managerAgent, lastActionAt, respawnGrant, operatorNote, openEscalation,
                sessions, pullRequests, pokesWithoutProgress, heldNotices, 0);
    }

    /** One whose manager was not poked since the objective last made progress, with no notice held for a manager. */
    public SupervisedObjective(String id, String title, String prompt, ObjectiveStatus status, AgentKind managerAgent,
            Instant lastActionAt, int respawnGrant, String operatorNote, boolean openEscalation,
            List<SessionView> sessions, List<PullRequestView> pullRequests) {
        this(id, title, prompt, status, managerAgent, lastActionAt, respawnGrant, operatorNote, openEscalation,
                sessions, pullRequests, 0, 0);
    }

    /** A session, reduced to what the policy and the state snapshot use. */
    public record SessionView(String id, SessionRole role, AgentKind agent, SessionStatus status, String title,
            String resultSummary, boolean everRan, Instant createdAt, Instant lastActivityAt) {
        /** Orders sessions by creation; ids break ties, since they too sort in creation order. */
        public static final java.util.Comparator<SessionView> NEWEST_LAST =
                java.util.Comparator.comparing(SessionView::createdAt).thenComparing(SessionView::id);

        public boolean live() {
            return !status.terminal();
        }
    }

    public record PullRequestView(int number, String title, PullRequestStatus status, ChecksState checks) {
        public boolean awaitingReview() {
            return status.awaitingReview();
        }
    }
}
