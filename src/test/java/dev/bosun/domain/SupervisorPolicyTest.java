package dev.bosun.domain;

import static dev.bosun.domain.ObjectiveBuilder.T0;
import static dev.bosun.domain.ObjectiveBuilder.objective;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.domain.SupervisorAction.Escalate;
import dev.bosun.domain.SupervisorAction.Poke;
import dev.bosun.domain.SupervisorAction.Respawn;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SupervisorPolicyTest {
    final SupervisorPolicy policy = new SupervisorPolicy(SupervisorSettings.DEFAULTS);

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    Optional<SupervisorAction> decide(ObjectiveBuilder b, Instant now) {
        return policy.decide(b.build(), now);
    }

    @Test
    void aQuietRunningManagerWithNoWorkersIsPokedAfterIdleAfter() {
        ObjectiveBuilder o = objective().manager(SessionStatus.RUNNING, true, at(0))
                .worker(SessionStatus.SUCCEEDED, "Write the parser", "parser done, 12 tests");
        assertThat(decide(o, at(89))).isEmpty();
        Optional<SupervisorAction> action = decide(o, at(94));
        assertThat(action).get().isInstanceOfSatisfying(Poke.class,
                p -> assertThat(p.reason()).isEqualTo("poked: quiet 94 s, no live workers"));
        assertThat(SupervisorMessages.poke(o.build())).contains("Add a --json flag to export.",
                "\"Write the parser\" [worker] succeeded: parser done, 12 tests", "mark_objective_done");
    }

    @Test
    void theCooldownHoldsBetweenAnyTwoActions() {
        ObjectiveBuilder o = objective().manager(SessionStatus.RUNNING, true, at(0)).lastActionAt(at(100));
        assertThat(decide(o, at(150))).isEmpty();
        assertThat(decide(o, at(189))).isEmpty();
        assertThat(decide(o, at(190))).get().isInstanceOf(Poke.class);
    }

    @Test
    void anyUnfinishedWorkerIsProgressEvenOnALongQuietBuild() {
        for (SessionStatus s : new SessionStatus[] {SessionStatus.QUEUED, SessionStatus.WAITING_CAPACITY,
                SessionStatus.STARTING, SessionStatus.RUNNING, SessionStatus.WAITING_USER}) {
            ObjectiveBuilder o = objective().manager(SessionStatus.RUNNING, true, at(0))
                    .worker(s, "long build", "");
            assertThat(decide(o, at(36_000))).as(s.wire()).isEmpty();
        }
        ObjectiveBuilder dead = objective().manager(SessionStatus.FAILED, true, at(0))
                .worker(SessionStatus.RUNNING, "long build", "");
        assertThat(decide(dead, at(36_000))).as("no respawn while a worker runs").isEmpty();
    }

    @Test
    void anObjectivesOwnManagersBudgetReplacesTheSetting() {
        ObjectiveBuilder two = objective().maxManagers(2).manager(SessionStatus.FAILED, true, at(0));
        assertThat(decide(two, at(300))).get().isInstanceOf(SupervisorAction.Respawn.class);
        two.manager(SessionStatus.FAILED, true, at(0));
        assertThat(decide(two, at(300))).get().isInstanceOfSatisfying(Escalate.class, e -> assertThat(e.reason())
                .contains("2 managers ran", "budget 2"));
        assertThat(decide(two.grant(1), at(300))).as("an operator's grant adds to it").get()
                .isInstanceOf(SupervisorAction.Respawn.class);
    }

    @Test
    void aManagerStillStartingIsLeftAlone() {
        // never poked nor respawned; one waiting to be placed is escalated instead (below), not left alone for good
        for (SessionStatus s : new SessionStatus[] {SessionStatus.STARTING, SessionStatus.WAITING_USER}) {
            assertThat(decide(objective().manager(s, false, at(0)), at(36_000))).as(s.wire()).isEmpty();
        }
        for (SessionStatus s : SessionStatus.STARTABLE) {
            assertThat(decide(objective().manager(s, false, at(0)), at(36_000))).as(s.wire()).get()
                    .isInstanceOf(Escalate.class);
        }
    }

    @Test
    void anOpenOrDraftPrMeansPrEventsDriveTheObjective() {
        ObjectiveBuilder o = objective().manager(SessionStatus.RUNNING, true, at(0));
        assertThat(decide(o, at(100))).get().isInstanceOf(Poke.class);
        assertThat(decide(objective().manager(SessionStatus.RUNNING, true, at(0))
                .pr(7, PullRequestStatus.OPEN, ChecksState.FAILING), at(100))).isEmpty();
        assertThat(decide(objective().manager(SessionStatus.RUNNING, true, at(0))
                .pr(7, PullRequestStatus.DRAFT, ChecksState.PENDING), at(100))).isEmpty();
        assertThat(decide(objective().manager(SessionStatus.RUNNING, true, at(0))
                .pr(7, PullRequestStatus.MERGED, ChecksState.PASSING), at(100))).get().isInstanceOf(Poke.class);
        assertThat(decide(objective().manager(SessionStatus.FAILED, true, at(0))
                .pr(7, PullRequestStatus.OPEN, ChecksState.PASSING), at(36_000))).as("parked, no respawn").isEmpty();
    }

    @Test
    void onlyActiveObjectivesAreSupervised() {
        for (ObjectiveStatus s : ObjectiveStatus.values()) {
            if (s != ObjectiveStatus.ACTIVE) {
                assertThat(decide(objective().status(s).manager(SessionStatus.FAILED, true, at(0)), at(9999)))
                        .as(s.wire()).isEmpty();
            }
        }
    }

    @Test
    void aDeadManagerIsRespawnedWithItsAgentKindAndAResumeGoal() {
        ObjectiveBuilder o = objective().manager(SessionStatus.FAILED, true, at(0))
                .worker(SessionStatus.SUCCEEDED, "Write the parser", "done").note("Use the v2 API.");
        assertThat(decide(o, at(1))).get().isInstanceOfSatisfying(Respawn.class, r -> {
            assertThat(r.agent()).isEqualTo(AgentKind.CODEX);
            assertThat(r.reason()).contains("1 of 4 managers used");
        });
        assertThat(SupervisorMessages.resumeGoal(o.build())).startsWith("Add a --json flag to export.")
                .contains("Use the v2 API.", "You are resuming", "Do not redo finished work",
                        "\"Write the parser\" [worker] succeeded: done");
    }

    @Test
    void aRespawnedManagerGetsTheWholePromptHoweverLongAndAPokeAClampedOne() {
        String prompt = "Port the billing service.\n" + "- keep every invoice field\n".repeat(1_000) + "END OF PROMPT";
        ObjectiveBuilder o = objective().prompt(prompt).manager(SessionStatus.FAILED, true, at(0));
        assertThat(SupervisorMessages.resumeGoal(o.build())).startsWith(prompt);
        assertThat(SupervisorMessages.poke(o.build())).doesNotContain("END OF PROMPT").contains("prompt shortened");
    }

    @Test
    void aManagerPokedMaxPokesTimesWithoutProgressIsHandedToTheOperatorOnce() {
        ObjectiveBuilder quiet = objective().manager(SessionStatus.RUNNING, true, at(0));
        assertThat(decide(quiet.pokesWithoutProgress(2), at(100))).get().isInstanceOf(Poke.class);
        assertThat(decide(quiet.pokesWithoutProgress(3), at(100))).get().isInstanceOfSatisfying(Escalate.class,
                e -> assertThat(e.reason()).isEqualTo("escalated: the manager was poked 3 times without progress"));
        assertThat(SupervisorMessages.escalationQuestion(quiet.build())).contains("was poked 3 times and did nothing",
                "go on poking it");
        assertThat(decide(quiet.openEscalation(), at(100))).as("one standing escalation").isEmpty();
    }

    @Test
    void aManagerThatNoTargetCanTakeIsHandedToTheOperatorAfterIdlePlusCooldown() {
        for (SessionStatus waiting : SessionStatus.STARTABLE) {
            ObjectiveBuilder o = objective().manager(waiting, false, at(0));
            assertThat(decide(o, at(179))).as(waiting.wire()).isEmpty();
            assertThat(decide(o, at(180))).get().isInstanceOfSatisfying(Escalate.class,
                    e -> assertThat(e.reason()).isEqualTo("escalated: the manager has waited 180 s to start"));
            assertThat(SupervisorMessages.escalationQuestion(o.build())).contains("cannot start", "Targets tab");
            assertThat(decide(o.openEscalation(), at(999))).as("one standing escalation").isEmpty();
        }
    }

    @Test
    void aNoticeHeldForAManagerStartsOneThoughAPrAwaitsReviewWithinTheBudgetOnly() {
        ObjectiveBuilder o = objective().manager(SessionStatus.FAILED, true, at(0)).pr(1, PullRequestStatus.OPEN,
                ChecksState.PASSING);
        assertThat(decide(o, at(100))).as("the PR drives it").isEmpty();
        assertThat(decide(o.heldNotices(1), at(100))).get().isInstanceOf(Respawn.class);
        for (int i = 0; i < 3; i++) {
            o.manager(SessionStatus.FAILED, true, at(0));
        }
        assertThat(decide(o, at(100))).get().isInstanceOf(Escalate.class);
    }

    @Test
    void aManagerThatCannotStartIsNotEscalatedAgainRightAfterTheOperatorActed() {
        ObjectiveBuilder o = objective().manager(SessionStatus.WAITING_CAPACITY, true, at(0));
        assertThat(decide(o, at(180))).get().isInstanceOf(Escalate.class);
        o.lastActionAt(at(200)); // the operator answered at 200 s, nothing changed since
        assertThat(decide(o, at(300))).isEmpty();
        assertThat(decide(o, at(380))).get().isInstanceOf(Escalate.class);
    }

    @Test
    void pastTheBudgetItEscalatesOnceAndNeverRespawns() {
        ObjectiveBuilder o = objective();
        for (int i = 0; i < 4; i++) {
            o.manager(SessionStatus.FAILED, true, at(0));
        }
        assertThat(decide(o, at(1))).get().isInstanceOfSatisfying(Escalate.class,
                e -> assertThat(e.reason()).contains("4 managers ran"));
        assertThat(SupervisorMessages.escalationQuestion(o.build())).contains("keeps ending", "4 ran, 4 attempts",
                "cancel");
        assertThat(decide(o.openEscalation(), at(100_000))).as("one standing question").isEmpty();
    }

    @Test
    void managersThatNeverRanDoNotUseTheBudgetButTheCeilingHolds() {
        ObjectiveBuilder o = objective();
        for (int i = 0; i < 6; i++) {
            o.manager(SessionStatus.FAILED, false, at(0));
        }
        assertThat(decide(o, at(1))).get().isInstanceOf(Respawn.class);
        for (int i = 0; i < 10; i++) {
            o.manager(SessionStatus.FAILED, false, at(0));
        }
        assertThat(decide(o, at(1))).get().isInstanceOfSatisfying(Escalate.class,
                e -> assertThat(e.reason()).contains("16 manager attempts"));
    }

    @Test
    void anOperatorGrantRaisesTheBudget() {
        ObjectiveBuilder o = objective();
        for (int i = 0; i < 4; i++) {
            o.manager(SessionStatus.FAILED, true, at(0));
        }
        assertThat(decide(o.grant(1), at(1))).get().isInstanceOf(Respawn.class);
        o.manager(SessionStatus.FAILED, true, at(0));
        assertThat(decide(o, at(1))).get().isInstanceOf(Escalate.class);
    }

    @Test
    void twoWorkersFinishThenExactlyOnePokeAfterIdleAfter() {
        // the manager last spoke when the second worker finished, at t=300
        ObjectiveBuilder o = objective().manager(SessionStatus.RUNNING, true, at(300))
                .worker(SessionStatus.SUCCEEDED, "a", "ok").worker(SessionStatus.SUCCEEDED, "b", "ok");
        int pokes = 0;
        Instant lastAction = null;
        for (long t = 300; t <= 300 + 89 + 60; t += 2) {
            Optional<SupervisorAction> a = policy.decide(o.lastActionAt(lastAction).build(), at(t));
            if (a.isPresent()) {
                pokes++;
                lastAction = at(t);
                assertThat(t).isGreaterThanOrEqualTo(390);
            }
        }
        assertThat(pokes).isEqualTo(1);
    }

    @Test
    void theSnapshotListsWorkersAndPrsAndClampsLongSummaries() {
        String text = StateSnapshot.render(objective().manager(SessionStatus.RUNNING, true, at(0))
                .worker(SessionStatus.FAILED, "Fix CI", "x".repeat(1000) + "\nsecond line")
                .pr(12, PullRequestStatus.OPEN, ChecksState.PASSING).build());
        assertThat(text).contains("- \"Fix CI\" [worker] failed: xxx", "- #12 open, checks passing: PR 12")
                .doesNotContain("second line").doesNotContain("Manager");
        assertThat(text.lines().filter(l -> l.contains("Fix CI")).findFirst().orElseThrow().length()).isLessThan(320);
        assertThat(StateSnapshot.render(objective().build())).contains("none spawned yet");
    }

    @Test
    void settingsAreValidated() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SupervisorSettings(Duration.ofSeconds(1),
                Duration.ofSeconds(1), 5, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
