package dev.bosun.domain;

/**
 * The texts of the supervisor's actions, written from an objective loaded in full (every session and PR): each
 * restates the objective and carries the same state snapshot, since a manager has no read tools.
 */
public final class SupervisorMessages {
    private SupervisorMessages() {}

    public static String poke(SupervisedObjective o) {
        return "Bosun supervisor: no worker of this objective is running and you have been quiet. The objective:\n\n"
                + StateSnapshot.prompt(o) + "\n\nWhere it stands:\n" + StateSnapshot.render(o) + "\n\n"
                + "Act now: if the work is complete and every PR is merged, call mark_objective_done; if work remains, "
                + "spawn the workers for it; if you are blocked, call ask_user. Do not end your turn without one of "
                + "these.";
    }

    public static String resumeGoal(SupervisedObjective o) {
        String note = o.operatorNote() == null || o.operatorNote().isBlank() ? ""
                : "\n\nInstruction from the operator for this manager:\n" + o.operatorNote().strip();
        // the whole prompt: a respawned manager knows the objective only from this, so nothing of it may be cut
        return o.prompt() + note + "\n\n---\nYou are resuming this objective: an earlier manager ended "
                + "before finishing. Continue from where it stands. Do not redo finished work and do not spawn again "
                + "workers that already ran; build on their results.\n\nWhere it stands:\n" + StateSnapshot.render(o);
    }

    public static String escalationQuestion(SupervisedObjective o) {
        if (o.sessions().stream().anyMatch(s -> s.role() != SessionRole.MANAGER && s.live())) {
            return "The workers of \"" + o.title() + "\" cannot start: no target can take them (each is offline, "
                    + "disabled, draining, below its free-disk floor, has capacity 0, or lacks the CLI of its agent; "
                    + "a worker whose checkout is on a host waits for that host). Fix it in the Targets tab (the "
                    + "Agents column says what each target can run; the Sessions tab says what each worker waits "
                    + "for), then continue; or cancel the objective.";
        }
        if (o.sessions().stream().anyMatch(s -> s.role() == SessionRole.MANAGER && s.status().startable())) {
            return "The manager of \"" + o.title() + "\" cannot start: the target it needs is offline, disabled, "
                    + "below its free-disk floor or lacks the CLI of its agent (or no target is online). Fix it in the Targets tab (run its doctor, "
                    + "free disk, enable it), then continue; or cancel the objective.";
        }
        if (o.sessions().stream().anyMatch(s -> s.role() == SessionRole.MANAGER && s.live())) {
            return "The manager of \"" + o.title() + "\" was poked " + o.pokesWithoutProgress() + " times and did "
                    + "nothing (no worker spawned, no pull request changed, no question asked). Should Bosun go on "
                    + "poking it (with an instruction for it, if you write one), or cancel the objective?";
        }
        long ran = o.sessions().stream().filter(s -> s.role() == SessionRole.MANAGER && s.everRan()).count();
        long attempts = o.sessions().stream().filter(s -> s.role() == SessionRole.MANAGER).count();
        return "The manager of \"" + o.title() + "\" keeps ending without finishing (" + ran + " ran, " + attempts
                + " attempts). Should Bosun continue with more respawns, continue with an instruction for the next "
                + "manager, or cancel the objective?";
    }
}
