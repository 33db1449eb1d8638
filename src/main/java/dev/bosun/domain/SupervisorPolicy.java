package dev.bosun.domain;

import dev.bosun.domain.SupervisedObjective.SessionView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, for every active objective, whether to poke its quiet manager, respawn a dead one, or escalate to the
 * operator. A pure function of (snapshot, now): no clock, no I/O, at most one action per objective per call. It reads
 * only each objective's managers, unfinished workers and PRs awaiting review, so the supervisor can load just those.
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
        return decide(objectives, now, Map.of());
    }

    /**
     * @param stuckSince the waiting workers that cannot start until the operator acts ({@link Placement#stuck}: the
     *     host holding their checkout is offline, no target runs their agent, a dependency is stuck, ...), by session
     *     id, since when
     */
    public List<SupervisorAction> decide(List<SupervisedObjective> objectives, Instant now,
            Map<String, Instant> stuckSince) {
        List<SupervisorAction> actions = new ArrayList<>();
        for (SupervisedObjective o : objectives) {
            decide(o, now, stuckSince).ifPresent(actions::add);
        }
        return actions;
    }

    public Optional<SupervisorAction> decide(SupervisedObjective o, Instant now) {
        return decide(o, now, Map.of());
    }

    public Optional<SupervisorAction> decide(SupervisedObjective o, Instant now, Map<String, Instant> stuckSince) {
        if (o.status() != ObjectiveStatus.ACTIVE) {
            return Optional.empty();
        }
        if (o.lastActionAt() != null && now.isBefore(o.lastActionAt().plus(settings.cooldown()))) {
            return Optional.empty();
        }
        List<SessionView> liveWorkers = o.sessions().stream().filter(s -> s.role() != SessionRole.MANAGER && s.live())
                .toList();
        if (!liveWorkers.isEmpty()) {
            // never while a worker is live, even one waiting to be placed; but workers that cannot start until the
            // operator acts (their host never answers again, no target runs their agent) would wait unseen
            if (o.openEscalation() || !liveWorkers.stream().allMatch(s -> s.status().startable()
                    && stuckSince.containsKey(s.id()))) {
                return Optional.empty();
            }
            // measured from the latest of: a worker becoming stuck or changing, the last action
            Instant since = o.lastActionAt() == null ? Instant.MIN : o.lastActionAt();
            for (SessionView w : liveWorkers) {
                for (Instant t : new Instant[] {w.lastActivityAt(), stuckSince.get(w.id())}) {
                    if (t.isAfter(since)) {
                        since = t;
                    }
                }
            }
            Duration waited = Duration.between(since, now);
            return waited.compareTo(settings.idleAfter().plus(settings.cooldown())) >= 0
                    ? Optional.of(new SupervisorAction.Escalate(o.id(), "escalated: its workers have waited "
                            + waited.toSeconds() + " s and no target can take them"))
                    : Optional.empty();
        }
        Optional<SessionView> waitingManager = managers(o).filter(SessionView::live).max(SessionView.NEWEST_LAST)
                .filter(m -> m.status().startable());
        if (waitingManager.isPresent()) {
            // a manager that cannot be placed (its target offline, disabled or low on disk) would wait unseen:
            // measured from its last change or the supervisor's last action, whichever is later
            Instant since = o.lastActionAt() == null || waitingManager.get().lastActivityAt().isAfter(o.lastActionAt())
                    ? waitingManager.get().lastActivityAt() : o.lastActionAt();
            Duration waited = Duration.between(since, now);
            boolean stuck = waited.compareTo(settings.idleAfter().plus(settings.cooldown())) >= 0;
            return stuck && !o.openEscalation() ? Optional.of(new SupervisorAction.Escalate(o.id(),
                    "escalated: the manager has waited " + waited.toSeconds() + " s to start")) : Optional.empty();
        }
        boolean prAwaitsReview = o.pullRequests().stream()
                .anyMatch(SupervisedObjective.PullRequestView::awaitingReview);
        Optional<SessionView> liveManager = managers(o).filter(SessionView::live)
                .max(SessionView.NEWEST_LAST);
        if (liveManager.isPresent()) {
            SessionView m = liveManager.get();
            Duration quiet = Duration.between(m.lastActivityAt(), now);
            boolean pokeable = SessionStatus.POKEABLE.contains(m.status());
            if (!pokeable || quiet.compareTo(settings.idleAfter()) < 0 || prAwaitsReview) {
                return Optional.empty();
            }
            if (o.pokesWithoutProgress() >= settings.maxPokes()) {
                // a manager that ignores pokes would be poked every cooldown forever: a person decides
                return o.openEscalation() ? Optional.empty() : Optional.of(new SupervisorAction.Escalate(o.id(),
                        "escalated: the manager was poked " + o.pokesWithoutProgress() + " times without progress"));
            }
            String reason = "poked: quiet " + quiet.toSeconds() + " s, no live workers";
            return Optional.of(new SupervisorAction.Poke(o.id(), m.id(), reason));
        }
        // a PR awaiting review drives the objective, unless something is held for a manager to act on
        if (prAwaitsReview && o.heldNotices() == 0 || o.openEscalation()) {
            return Optional.empty();
        }
        long ran = managers(o).filter(SessionView::everRan).count();
        long attempts = managers(o).count();
        int budget = (o.maxManagers() > 0 ? o.maxManagers() : settings.respawnBudget()) + o.respawnGrant();
        // an objective given more managers than the setting gets as many more attempts
        int ceiling = settings.attemptCeiling() + o.respawnGrant() + Math.max(0, o.maxManagers()
                - settings.respawnBudget());
        if (ran >= budget || attempts >= ceiling) {
            String reason = "escalated: " + (ran >= budget
                    ? ran + " managers ran and ended without finishing (budget " + budget + ")"
                    : attempts + " manager attempts (ceiling " + ceiling + ")");
            return Optional.of(new SupervisorAction.Escalate(o.id(), reason));
        }
        AgentKind agent = managers(o).max(SessionView.NEWEST_LAST).map(SessionView::agent)
                .orElse(o.managerAgent());
        String reason = "respawned: no live manager, no live workers (" + ran + " of " + budget + " managers used)";
        return Optional.of(new SupervisorAction.Respawn(o.id(), agent, reason));
    }

    private static java.util.stream.Stream<SessionView> managers(SupervisedObjective o) {
        return o.sessions().stream().filter(s -> s.role() == SessionRole.MANAGER);
    }

    /** A respawn outside the policy's own decision: the operator approved one. */
    public static SupervisorAction.Respawn respawnNow(SupervisedObjective o, String reason) {
        AgentKind agent = managers(o).max(SessionView.NEWEST_LAST).map(SessionView::agent)
                .orElse(o.managerAgent());
        return new SupervisorAction.Respawn(o.id(), agent, reason);
    }
}
