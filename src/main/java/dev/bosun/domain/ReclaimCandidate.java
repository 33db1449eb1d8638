package dev.bosun.domain;

import java.util.List;

/**
 * One unarchived checkout as the GC sees it. {@code liveUsers}: non-terminal sessions that reference it;
 * {@code liveInheritors}: non-terminal sessions that depend on its owner and will inherit it; {@code commits}: what a
 * probe of the checkout found beyond its recorded base commit.
 */
public record ReclaimCandidate(
        String workspaceId,
        WorkspaceStatus status,
        ObjectiveStatus objectiveStatus,
        SessionRole ownerRole,
        SessionStatus ownerStatus,
        boolean ownerHasPullRequest,
        List<String> liveUsers,
        List<String> liveInheritors,
        boolean targetExists,
        Commits commits) {

    public ReclaimCandidate {
        liveUsers = List.copyOf(liveUsers);
        liveInheritors = List.copyOf(liveInheritors);
    }

    /** What the checkout holds beyond its base commit. */
    public enum Commits {
        /** HEAD is the recorded base: nothing new. */
        NONE,
        /** New commits, all of them on a remote branch. */
        PUSHED,
        /** Commits that exist nowhere else (on any local branch, detached, or stashed). */
        UNPUSHED,
        /** Changes never committed: modified or new files git does not ignore. */
        UNCOMMITTED,
        /** The checkout is already gone from the target. */
        GONE,
        /** Not checked, or the check failed. */
        UNKNOWN
    }
}
