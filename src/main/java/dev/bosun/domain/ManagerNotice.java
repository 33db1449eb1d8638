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

    /** A PR's follow-up failed or was canceled: nothing was pushed. */
    public static String followUpEnded(String id, int prNumber, SessionStatus outcome, String summary,
            String snapshot) {
        return "Bosun: Follow-up worker " + id + " of PR #" + prNumber + " " + outcome.wire() + "." + result(summary)
                + "\nNothing was pushed. Decide whether to try again with a narrower task (spawn_worker), or ask the "
                + "operator.\n\nWhere the objective stands:\n" + snapshot;
    }

    /** A PR's follow-up succeeded and Bosun pushed its commits to the PR, or says why it could not. */
    public static String followUpDone(String id, int prNumber, String summary, String pushedSha, String whyNot,
            String snapshot) {
        String next = pushedSha != null
                ? "Its commits are pushed to PR #" + prNumber + " (now at " + pushedSha + "); its checks and reviews "
                        + "run again. Nothing to do unless you want to look."
                : "Its commits were not pushed: " + whyNot + "\nDecide: push them yourself with update_pr (pr: "
                        + prNumber + ", worker_id: " + id + "), spawn a worker, or ask the operator.";
        return "Bosun: Follow-up worker " + id + " of PR #" + prNumber + " succeeded." + result(summary) + "\n"
                + next + "\n\nWhere the objective stands:\n" + snapshot;
    }

    private static String result(String summary) {
        return summary == null || summary.isBlank() ? "" : "\nIts result: " + summary.strip();
    }
}
