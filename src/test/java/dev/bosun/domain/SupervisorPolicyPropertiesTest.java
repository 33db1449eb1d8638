package dev.bosun.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.domain.SupervisedObjective.PullRequestView;
import dev.bosun.domain.SupervisedObjective.SessionView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of {@link SupervisorPolicy} over random populations of objectives, sessions and PRs and random clocks.
 * Each case is one seed: a failure names it, and the same seed reproduces it.
 */
class SupervisorPolicyPropertiesTest {
    static final SupervisorSettings SETTINGS = SupervisorSettings.DEFAULTS;
    static final SupervisorPolicy POLICY = new SupervisorPolicy(SETTINGS);
    static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    static LongStream seeds() {
        return LongStream.range(1, 301);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void safetyPropertiesHoldAcrossARunOfPasses(long seed) {
        Random rnd = new Random(seed);
        List<SupervisedObjective> population = new ArrayList<>();
        for (int i = 0; i < 1 + rnd.nextInt(12); i++) {
            population.add(randomObjective(rnd, "obj_" + i));
        }
        Map<String, Instant> lastAction = new HashMap<>();
        population.forEach(o -> {
            if (o.lastActionAt() != null) {
                lastAction.put(o.id(), o.lastActionAt());
            }
        });
        Instant now = T0.plusSeconds(rnd.nextInt(600));
        for (int pass = 0; pass < 40; pass++) {
            List<SupervisorAction> actions = POLICY.decide(population, now);
            assertThat(POLICY.decide(population.stream().map(SupervisorPolicyPropertiesTest::decisionView).toList(),
                    now)).as("the small view the supervisor loads decides the same").isEqualTo(actions);
            assertThat(actions.stream().map(SupervisorAction::objectiveId).distinct().count())
                    .as("at most one action per objective per pass").isEqualTo(actions.size());
            for (SupervisorAction a : actions) {
                SupervisedObjective o = population.stream().filter(x -> x.id().equals(a.objectiveId())).findFirst()
                        .orElseThrow();
                assertThat(o.status()).isEqualTo(ObjectiveStatus.ACTIVE);
                assertThat(o.sessions()).as("never acts while a worker is live")
                        .noneMatch(s -> s.role() != SessionRole.MANAGER && s.live());
                Instant previous = lastAction.get(o.id());
                assertThat(previous == null || !now.isBefore(previous.plus(SETTINGS.cooldown())))
                        .as("no two actions within a cooldown: %s then %s", previous, now).isTrue();
                long ran = managers(o).filter(SessionView::everRan).count();
                long attempts = managers(o).count();
                if (a instanceof SupervisorAction.Respawn) {
                    assertThat(managers(o)).as("never respawns while a live manager exists")
                            .noneMatch(SessionView::live);
                    assertThat(ran).as("within the budget").isLessThan(SETTINGS.respawnBudget() + o.respawnGrant());
                    assertThat(attempts).isLessThan(SETTINGS.attemptCeiling() + o.respawnGrant());
                }
                if (a instanceof SupervisorAction.Escalate) {
                    assertThat(o.openEscalation()).as("one standing escalation").isFalse();
                }
                if (a instanceof SupervisorAction.Poke p) {
                    SessionView m = o.sessions().stream().filter(s -> s.id().equals(p.managerSessionId()))
                            .findFirst().orElseThrow();
                    assertThat(m.status()).as("only a manager that runs, or idles between turns, is poked")
                            .isIn(SessionStatus.RUNNING, SessionStatus.IDLE);
                    assertThat(Duration.between(m.lastActivityAt(), now)).isGreaterThanOrEqualTo(SETTINGS.idleAfter());
                }
                lastAction.put(o.id(), now);
            }
            population = evolve(population, actions, lastAction, now, rnd);
            now = now.plusSeconds(rnd.nextInt(120));
        }
    }

    /** Applies the actions the way the Supervisor does, plus random outside events (workers end, managers die). */
    static List<SupervisedObjective> evolve(List<SupervisedObjective> population, List<SupervisorAction> actions,
            Map<String, Instant> lastAction, Instant now, Random rnd) {
        List<SupervisedObjective> next = new ArrayList<>();
        for (SupervisedObjective o : population) {
            List<SessionView> sessions = new ArrayList<>();
            for (SessionView s : o.sessions()) {
                SessionStatus status = s.status();
                if (s.live() && rnd.nextInt(5) == 0) {
                    status = rnd.nextBoolean() ? SessionStatus.SUCCEEDED : SessionStatus.FAILED;
                }
                sessions.add(new SessionView(s.id(), s.role(), s.agent(), status, s.title(), s.resultSummary(),
                        s.everRan() || status == SessionStatus.RUNNING, s.createdAt(), s.lastActivityAt()));
            }
            boolean escalation = o.openEscalation();
            for (SupervisorAction a : actions) {
                if (!a.objectiveId().equals(o.id())) {
                    continue;
                }
                if (a instanceof SupervisorAction.Respawn r) {
                    sessions.add(new SessionView(o.id() + "_m" + sessions.size(), SessionRole.MANAGER, r.agent(),
                            SessionStatus.QUEUED, "Manager", "", false, now, now));
                } else if (a instanceof SupervisorAction.Escalate) {
                    escalation = true;
                }
            }
            next.add(new SupervisedObjective(o.id(), o.title(), o.prompt(), o.status(), o.managerAgent(),
                    lastAction.get(o.id()), o.respawnGrant(), "", escalation, sessions, o.pullRequests()));
        }
        return next;
    }

    /** What Supervision.liveObjectives() loads: managers, unfinished workers, PRs awaiting review. */
    static SupervisedObjective decisionView(SupervisedObjective o) {
        return new SupervisedObjective(o.id(), o.title(), o.prompt(), o.status(), o.managerAgent(), o.lastActionAt(),
                o.respawnGrant(), o.operatorNote(), o.openEscalation(),
                o.sessions().stream().filter(s -> s.role() == SessionRole.MANAGER || s.live()).toList(),
                o.pullRequests().stream().filter(PullRequestView::awaitingReview).toList());
    }

    static java.util.stream.Stream<SessionView> managers(SupervisedObjective o) {
        return o.sessions().stream().filter(s -> s.role() == SessionRole.MANAGER);
    }

    static SupervisedObjective randomObjective(Random rnd, String id) {
        ObjectiveStatus[] statuses = ObjectiveStatus.values();
        ObjectiveStatus status = rnd.nextInt(4) == 0 ? statuses[rnd.nextInt(statuses.length)] : ObjectiveStatus.ACTIVE;
        List<SessionView> sessions = new ArrayList<>();
        int n = rnd.nextInt(22);
        for (int i = 0; i < n; i++) {
            SessionRole role = rnd.nextInt(3) == 0 ? SessionRole.MANAGER
                    : SessionRole.values()[1 + rnd.nextInt(SessionRole.values().length - 1)];
            SessionStatus s = rnd.nextInt(3) == 0 ? SessionStatus.values()[rnd.nextInt(SessionStatus.values().length)]
                    : (rnd.nextBoolean() ? SessionStatus.SUCCEEDED : SessionStatus.FAILED);
            boolean ran = s == SessionStatus.RUNNING || rnd.nextBoolean();
            sessions.add(new SessionView(id + "_s" + i, role, AgentKind.values()[rnd.nextInt(3)], s, "t" + i, "r" + i,
                    ran, T0.plusSeconds(i), T0.plusSeconds(rnd.nextInt(900))));
        }
        List<PullRequestView> prs = new ArrayList<>();
        for (int i = 0; i < rnd.nextInt(3); i++) {
            prs.add(new PullRequestView(i + 1, "pr", PullRequestStatus.values()[rnd.nextInt(4)],
                    ChecksState.values()[rnd.nextInt(4)]));
        }
        Instant last = rnd.nextBoolean() ? null : T0.plusSeconds(rnd.nextInt(600));
        return new SupervisedObjective(id, "title " + id, "prompt", status, AgentKind.CLAUDE, last, rnd.nextInt(3),
                "", rnd.nextInt(5) == 0, sessions, prs);
    }
}
