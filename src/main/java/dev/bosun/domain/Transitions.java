package dev.bosun.domain;

import static dev.bosun.domain.ObjectiveStatus.ACTIVE;
import static dev.bosun.domain.SessionStatus.QUEUED;
import static dev.bosun.domain.SessionStatus.RUNNING;
import static dev.bosun.domain.SessionStatus.STARTING;
import static dev.bosun.domain.SessionStatus.WAITING_CAPACITY;

/**
 * The transition tables of every stateful entity. Edges not listed are refused.
 *
 * <p>Unlike the system Bosun came from, requeueing an interrupted session (recovery after a crash, a process that
 * vanished) is an explicit edge here ({@code starting|running|waiting_user → queued}) rather than a raw SQL bypass.
 */
public final class Transitions {
    private Transitions() {}

    public static final StateMachine<SessionStatus> SESSION = StateMachine.of("session", SessionStatus.class)
            .allow(QUEUED, STARTING, WAITING_CAPACITY, SessionStatus.WAITING_USER, SessionStatus.CANCELED,
                    SessionStatus.FAILED)
            .allow(WAITING_CAPACITY, QUEUED, STARTING, SessionStatus.CANCELED, SessionStatus.FAILED)
            .allow(STARTING, RUNNING, QUEUED, SessionStatus.WAITING_USER, SessionStatus.FAILED,
                    SessionStatus.CANCELED)
            .allow(RUNNING, SessionStatus.WAITING_USER, QUEUED, SessionStatus.IDLE, SessionStatus.SUCCEEDED,
                    SessionStatus.FAILED, SessionStatus.CANCELED)
            .allow(SessionStatus.IDLE, QUEUED, SessionStatus.SUCCEEDED, SessionStatus.FAILED, SessionStatus.CANCELED)
            .allow(SessionStatus.WAITING_USER, RUNNING, QUEUED, SessionStatus.SUCCEEDED, SessionStatus.FAILED,
                    SessionStatus.CANCELED)
            .build();

    public static final StateMachine<ObjectiveStatus> OBJECTIVE = StateMachine.of("objective", ObjectiveStatus.class)
            .allow(ACTIVE, ObjectiveStatus.WAITING_USER, ObjectiveStatus.SUCCEEDED, ObjectiveStatus.FAILED,
                    ObjectiveStatus.CANCELED)
            .allow(ObjectiveStatus.WAITING_USER, ACTIVE, ObjectiveStatus.SUCCEEDED, ObjectiveStatus.FAILED,
                    ObjectiveStatus.CANCELED)
            .build();

    public static final StateMachine<WorkspaceStatus> WORKSPACE = StateMachine.of("workspace", WorkspaceStatus.class)
            .allow(WorkspaceStatus.PREPARING, WorkspaceStatus.READY, WorkspaceStatus.FAILED)
            .allow(WorkspaceStatus.READY, WorkspaceStatus.DIRTY, WorkspaceStatus.ARCHIVED)
            .allow(WorkspaceStatus.DIRTY, WorkspaceStatus.READY, WorkspaceStatus.ARCHIVED)
            .allow(WorkspaceStatus.FAILED, WorkspaceStatus.ARCHIVED)
            .build();

    public static final StateMachine<PullRequestStatus> PULL_REQUEST =
            StateMachine.of("pull_request", PullRequestStatus.class)
                    .allow(PullRequestStatus.DRAFT, PullRequestStatus.OPEN, PullRequestStatus.CLOSED,
                            PullRequestStatus.MERGED)
                    .allow(PullRequestStatus.OPEN, PullRequestStatus.DRAFT, PullRequestStatus.CLOSED,
                            PullRequestStatus.MERGED)
                    .allow(PullRequestStatus.CLOSED, PullRequestStatus.OPEN)
                    .build();

    public static final StateMachine<QuestionStatus> QUESTION = StateMachine.of("question", QuestionStatus.class)
            .allow(QuestionStatus.OPEN, QuestionStatus.ANSWERED, QuestionStatus.CANCELED)
            .build();

    public static final StateMachine<TargetStatus> TARGET = StateMachine.of("target", TargetStatus.class)
            .allow(TargetStatus.ONLINE, TargetStatus.OFFLINE, TargetStatus.DRAINING, TargetStatus.DISABLED,
                    TargetStatus.REMOVED)
            .allow(TargetStatus.OFFLINE, TargetStatus.ONLINE, TargetStatus.DISABLED, TargetStatus.REMOVED)
            .allow(TargetStatus.DRAINING, TargetStatus.ONLINE, TargetStatus.OFFLINE, TargetStatus.DISABLED,
                    TargetStatus.REMOVED)
            .allow(TargetStatus.DISABLED, TargetStatus.ONLINE, TargetStatus.REMOVED)
            .build();
}
