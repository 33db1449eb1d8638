package dev.bosun.domain;

import dev.bosun.domain.ReclaimCandidate.Commits;

/**
 * Decides whether a checkout is provably spent. Conservative by construction: anything in use, anything a pending
 * dependent will inherit, and anything holding commits that exist nowhere else (or that could not be checked) is kept.
 * <ul>
 *   <li>a checkout being prepared: kept until its clone ends;</li>
 *   <li>objective terminal (succeeded, failed, canceled; waiting_user is not): reclaim;</li>
 *   <li>objective live: reclaim only a finished reviewer's checkout, a dead manager's, or a finished worker's whose
 *       pull request exists.</li>
 * </ul>
 */
public final class ReclaimPolicy {
    private ReclaimPolicy() {}

    public static ReclaimDecision decide(ReclaimCandidate c) {
        if (c.status() == WorkspaceStatus.PREPARING) {
            // a clone under way (its session may be canceled already): deleting now races it, and it would recreate
            // the folder under an archived row. Its end marks it ready or failed; recovery fails one a crash left.
            return new ReclaimDecision.Keep("its checkout is being prepared");
        }
        if (!c.liveUsers().isEmpty()) {
            return new ReclaimDecision.Keep("in use by " + String.join(", ", c.liveUsers()));
        }
        if (!c.liveInheritors().isEmpty()) {
            return new ReclaimDecision.Keep("a pending dependent will inherit it: "
                    + String.join(", ", c.liveInheritors()));
        }
        if (!c.targetExists()) {
            return new ReclaimDecision.ArchiveOnly("its target no longer exists");
        }
        if (c.commits() == Commits.GONE) {
            return new ReclaimDecision.ArchiveOnly("the folder is already gone");
        }
        if (c.commits() == Commits.UNPUSHED) {
            return new ReclaimDecision.Keep("it holds commits that exist nowhere else");
        }
        if (c.commits() == Commits.UNCOMMITTED) {
            return new ReclaimDecision.Keep("it holds changes that were never committed");
        }
        if (c.commits() == Commits.UNKNOWN) {
            return new ReclaimDecision.Keep("its commits could not be checked");
        }
        if (c.objectiveStatus().terminal()) {
            return new ReclaimDecision.Reclaim("its objective " + c.objectiveStatus().wire());
        }
        boolean ownerDone = c.ownerStatus() != null && c.ownerStatus().terminal();
        if (!ownerDone) {
            return new ReclaimDecision.Keep("its objective is " + c.objectiveStatus().wire()
                    + " and its owner has not finished");
        }
        if (c.ownerRole() == SessionRole.REVIEWER) {
            return new ReclaimDecision.Reclaim("its reviewer finished");
        }
        if (c.ownerRole() == SessionRole.MANAGER) {
            return new ReclaimDecision.Reclaim("its manager ended");
        }
        if (c.ownerHasPullRequest()) {
            return new ReclaimDecision.Reclaim("its worker finished and the pull request exists");
        }
        return new ReclaimDecision.Keep("its worker finished but no pull request holds its work yet");
    }
}
