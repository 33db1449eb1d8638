package dev.bosun.domain;

import dev.bosun.domain.SupervisedObjective.SessionView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides, for every active objective, whether to poke its quiet manager, respawn a dead one, or escalate to the
 * operator. A pure function of (snapshot, now): no clock, no I/O, at most one action per objective per call.
 *
 * <p>Rules, in order: only {@code active} objectives (one waiting on the operator is left to the operator); never while
 * any worker is not finished (a long quiet build is progress, and a worker waiting on its own question has made the
 * objective {@code waiting_user}); at most one action per cooldown. With a live manager: poke it once it has been
 * running and quiet for {@code idleAfter}, unless a PR awaits review (PR events drive it then). With no live manager:
 * respawn, unless a PR awaits review or an escalation is open; past the budget, escalate once.
 */
public final class SupervisorPolicy {
    private final SupervisorSettings settings;

    public SupervisorPolicy(SupervisorSettings settings) {
        this.settings = settings;
    }

    public List<SupervisorAction> decide(List<SupervisedObjective> objectives, Instant now) {
        List<SupervisorAction> actions = new ArrayList<>();
        for (SupervisedObjective o : objectives) {
            decide(o, now).ifPresent(actions::add);
        }
        return actions;
    }

    public Optional<SupervisorAction> decide(SupervisedObjective o, Instant now) {
        if (o.status() != ObjectiveStatus.ACTIVE) {
            return Optional.empty();
        }
        if (o.sessions().stream().anyMatch(s -> s.role() != SessionRole.MANAGER && s.live())) {
            return Optional.empty();
        }
        if (o.lastActionAt() != null && now.isBefore(o.lastActionAt().plus(settings.cooldown()))) {
            return Optional.empty();
        }
        boolean prAwaitsReview = o.pullRequests().stream().anyMatch(SupervisedObjective.PullRequestView::awaitingReview);
        Optional<SessionView> liveManager = managers(o).filter(SessionView::live)
                .max(Comparator.comparing(SessionView::createdAt));
        if (liveManager.isPresent()) {
            SessionView m = liveManager.get();
            Duration quiet = Duration.between(m.lastActivityAt(), now);
            if (m.status() != SessionStatus.RUNNING || quiet.compareTo(settings.idleAfter()) < 0 || prAwaitsReview) {
                return Optional.empty();
            }
            String reason = "poked: quiet " + quiet.toSeconds() + " s, no live workers";
            return Optional.of(new SupervisorAction.Poke(o.id(), m.id(), reason, pokeMessage(o)));
        }
        if (prAwaitsReview || o.openEscalation()) {
            return Optional.empty();
        }
        long ran = managers(o).filter(SessionView::everRan).count();
        long attempts = managers(o).count();
        int budget = settings.respawnBudget() + o.respawnGrant();
        int ceiling = settings.attemptCeiling() + o.respawnGrant();
        if (ran >= budget || attempts >= ceiling) {
            String reason = "escalated: " + (ran >= budget
                    ? ran + " managers ran and ended without finishing (budget " + budget + ")"
                    : attempts + " manager attempts (ceiling " + ceiling + ")");
            return Optional.of(new SupervisorAction.Escalate(o.id(), reason, escalationQuestion(o, ran, attempts),
                    StateSnapshot.render(o)));
        }
        AgentKind agent = managers(o).max(Comparator.comparing(SessionView::createdAt)).map(SessionView::agent)
                .orElse(o.managerAgent());
        String reason = "respawned: no live manager, no live workers (" + ran + " of " + budget + " managers used)";
        return Optional.of(new SupervisorAction.Respawn(o.id(), agent, reason, resumeGoal(o)));
    }

    private static java.util.stream.Stream<SessionView> managers(SupervisedObjective o) {
        return o.sessions().stream().filter(s -> s.role() == SessionRole.MANAGER);
    }

    /** A respawn outside the policy's own decision: the operator approved one. */
    public static SupervisorAction.Respawn respawnNow(SupervisedObjective o, String reason) {
        AgentKind agent = managers(o).max(Comparator.comparing(SessionView::createdAt)).map(SessionView::agent)
                .orElse(o.managerAgent());
        return new SupervisorAction.Respawn(o.id(), agent, reason, resumeGoal(o));
    }

    /** A poke outside the policy's own decision: the operator forced one. */
    public static SupervisorAction.Poke pokeNow(SupervisedObjective o, String managerSessionId, String reason) {
        return new SupervisorAction.Poke(o.id(), managerSessionId, reason, pokeMessage(o));
    }

    static String pokeMessage(SupervisedObjective o) {
        return "Bosun supervisor: no worker of this objective is running and you have been quiet. The objective:\n\n"
                + StateSnapshot.prompt(o) + "\n\nWhere it stands:\n" + StateSnapshot.render(o) + "\n\n"
                + "Act now: if the work is complete and every PR is merged, call mark_objective_done; if work remains, "
                + "spawn the workers for it; if you are blocked, call ask_user. Do not end your turn without one of "
                + "these.";
    }

    static String resumeGoal(SupervisedObjective o) {
        String note = o.operatorNote() == null || o.operatorNote().isBlank() ? ""
                : "\n\nInstruction from the operator for this manager:\n" + o.operatorNote().strip();
        return StateSnapshot.prompt(o) + note + "\n\n---\nYou are resuming this objective: an earlier manager ended "
                + "before finishing. Continue from where it stands. Do not redo finished work and do not spawn again "
                + "workers that already ran; build on their results.\n\nWhere it stands:\n" + StateSnapshot.render(o);
    }

    static String escalationQuestion(SupervisedObjective o, long ran, long attempts) {
        return "The manager of \"" + o.title() + "\" keeps ending without finishing (" + ran + " ran, " + attempts
                + " attempts). Should Bosun continue with more respawns, continue with an instruction for the next "
                + "manager, or cancel the objective?";
    }
}
