package dev.bosun.domain;

/**
 * What the live manager is told when one of its workers ends: exactly what happened and what to do next, with the
 * objective's state snapshot inline (the manager has no read tools).
 */
public final class ManagerNotice {
    private ManagerNotice() {}

    public static String workerEnded(String id, String title, SessionStatus outcome, String summary,
            int dependentsPending, String snapshot) {
        String who = "Worker \"" + title + "\" (" + id + ")";
        String result = summary == null || summary.isBlank() ? "" : "\nIts result: " + summary.strip();
        String next;
        if (outcome != SessionStatus.SUCCEEDED) {
            next = who + " " + outcome.wire() + "." + result + "\nDo not publish its work. Look at "
                    + "what failed, then retry with a narrower task, re-scope, or ask the operator.";
        } else if (dependentsPending > 0) {
            next = who + " succeeded." + result + "\n" + dependentsPending + " session"
                    + (dependentsPending == 1 ? " that depends" : "s that depend") + " on it " + (dependentsPending == 1
                    ? "is" : "are") + " still pending: wait for " + (dependentsPending == 1 ? "it" : "them")
                    + " before publishing.";
        } else {
            next = who + " succeeded and its chain is complete." + result + "\nDecide the next step: publish its "
                    + "work as a pull request (publish_pr with its id), spawn more workers, or mark the objective "
                    + "done.";
        }
        return "Bosun: " + next + "\n\nWhere the objective stands:\n" + snapshot;
    }

    /** A PR's follow-up ended: on success its commits are ready to be pushed to the PR with update_pr. */
    public static String followUpEnded(String id, int prNumber, SessionStatus outcome, String summary,
            String snapshot) {
        String who = "Follow-up worker " + id + " of PR #" + prNumber;
        String result = summary == null || summary.isBlank() ? "" : "\nIts result: " + summary.strip();
        String next = outcome == SessionStatus.SUCCEEDED
                ? who + " succeeded." + result + "\nIf its result looks right, push its commits to the PR with "
                        + "update_pr (pr: " + prNumber + ", worker_id: " + id + ")."
                : who + " " + outcome.wire() + "." + result + "\nNothing was pushed. Decide whether to try again "
                        + "with a narrower task (spawn_worker), or ask the operator.";
        return "Bosun: " + next + "\n\nWhere the objective stands:\n" + snapshot;
    }
}
