package dev.bosun.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.domain.ReclaimCandidate.Commits;
import dev.bosun.domain.ReclaimDecision.ArchiveOnly;
import dev.bosun.domain.ReclaimDecision.Keep;
import dev.bosun.domain.ReclaimDecision.Reclaim;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReclaimPolicyTest {

    static ReclaimCandidate candidate(ObjectiveStatus objective, SessionRole role, SessionStatus owner, boolean pr,
            List<String> users, List<String> inheritors, boolean target, Commits commits) {
        return new ReclaimCandidate("wsp_1", WorkspaceStatus.READY, objective, role, owner, pr, users, inheritors,
                target, commits);
    }

    static ReclaimCandidate done(ObjectiveStatus objective, SessionRole role, Commits commits) {
        return candidate(objective, role, SessionStatus.SUCCEEDED, false, List.of(), List.of(), true, commits);
    }

    @Test
    void aTerminalObjectivesUnusedCheckoutIsReclaimed() {
        for (ObjectiveStatus s : List.of(ObjectiveStatus.SUCCEEDED, ObjectiveStatus.FAILED, ObjectiveStatus.CANCELED)) {
            assertThat(ReclaimPolicy.decide(done(s, SessionRole.WORKER, Commits.PUSHED)))
                    .isEqualTo(new Reclaim("its objective " + s.wire()));
        }
    }

    @Test
    void waitingOnTheOperatorIsNotTerminal() {
        assertThat(ReclaimPolicy.decide(done(ObjectiveStatus.WAITING_USER, SessionRole.WORKER, Commits.NONE)))
                .isInstanceOf(Keep.class);
    }

    @Test
    void aCheckoutInUseOrToBeInheritedIsKept() {
        assertThat(ReclaimPolicy.decide(candidate(ObjectiveStatus.CANCELED, SessionRole.WORKER,
                SessionStatus.SUCCEEDED, true, List.of("ses_b"), List.of(), true, Commits.NONE)))
                .isEqualTo(new Keep("in use by ses_b"));
        assertThat(ReclaimPolicy.decide(candidate(ObjectiveStatus.ACTIVE, SessionRole.WORKER,
                SessionStatus.SUCCEEDED, true, List.of(), List.of("ses_c"), true, Commits.PUSHED)))
                .isEqualTo(new Keep("a pending dependent will inherit it: ses_c"));
    }

    @Test
    void commitsThatExistNowhereElseOrCouldNotBeCheckedAreKept() {
        assertThat(ReclaimPolicy.decide(done(ObjectiveStatus.SUCCEEDED, SessionRole.REVIEWER, Commits.UNPUSHED)))
                .isEqualTo(new Keep("it holds commits that exist nowhere else"));
        assertThat(ReclaimPolicy.decide(done(ObjectiveStatus.SUCCEEDED, SessionRole.REVIEWER, Commits.UNKNOWN)))
                .isEqualTo(new Keep("its commits could not be checked"));
    }

    @Test
    void aVanishedTargetOrFolderIsArchivedWithoutTouchingDisk() {
        assertThat(ReclaimPolicy.decide(candidate(ObjectiveStatus.SUCCEEDED, SessionRole.WORKER,
                SessionStatus.SUCCEEDED, false, List.of(), List.of(), false, Commits.UNKNOWN)))
                .isEqualTo(new ArchiveOnly("its target no longer exists"));
        assertThat(ReclaimPolicy.decide(done(ObjectiveStatus.ACTIVE, SessionRole.WORKER, Commits.GONE)))
                .isEqualTo(new ArchiveOnly("the folder is already gone"));
    }

    @Test
    void inALiveObjectiveOnlyProvablySpentCheckoutsGo() {
        assertThat(ReclaimPolicy.decide(done(ObjectiveStatus.ACTIVE, SessionRole.REVIEWER, Commits.NONE)))
                .isInstanceOf(Reclaim.class);
        assertThat(ReclaimPolicy.decide(candidate(ObjectiveStatus.ACTIVE, SessionRole.MANAGER, SessionStatus.FAILED,
                false, List.of(), List.of(), true, Commits.NONE))).isEqualTo(new Reclaim("its manager ended"));
        assertThat(ReclaimPolicy.decide(candidate(ObjectiveStatus.ACTIVE, SessionRole.WORKER, SessionStatus.SUCCEEDED,
                true, List.of(), List.of(), true, Commits.PUSHED))).isInstanceOf(Reclaim.class);
        assertThat(ReclaimPolicy.decide(done(ObjectiveStatus.ACTIVE, SessionRole.WORKER, Commits.PUSHED)))
                .isEqualTo(new Keep("its worker finished but no pull request holds its work yet"));
        assertThat(ReclaimPolicy.decide(candidate(ObjectiveStatus.ACTIVE, SessionRole.WORKER, SessionStatus.RUNNING,
                true, List.of(), List.of(), true, Commits.NONE))).isInstanceOf(Keep.class);
    }

    /** Over 10,000 random candidates (one seed each): nothing in use and nothing holding unique commits is deleted. */
    @Test
    void neverDeletesWhatSomeoneNeeds() {
        for (long seed = 1; seed <= 10_000; seed++) {
            Random r = new Random(seed);
            List<String> users = r.nextInt(3) == 0 ? List.of("ses_u") : List.of();
            List<String> inheritors = r.nextInt(4) == 0 ? List.of("ses_i") : List.of();
            ReclaimCandidate c = candidate(pick(r, ObjectiveStatus.values()), pick(r, SessionRole.values()),
                    r.nextInt(6) == 0 ? null : pick(r, SessionStatus.values()), r.nextBoolean(), users, inheritors,
                    r.nextInt(8) != 0, pick(r, Commits.values()));
            ReclaimDecision d = ReclaimPolicy.decide(c);
            String why = "seed " + seed + ": " + c + " -> " + d;
            if (d instanceof Reclaim) {
                assertThat(c.liveUsers()).as(why).isEmpty();
                assertThat(c.liveInheritors()).as(why).isEmpty();
                assertThat(c.commits()).as(why).isIn(Commits.NONE, Commits.PUSHED);
                assertThat(c.targetExists()).as(why).isTrue();
                assertThat(c.objectiveStatus().terminal() || (c.ownerStatus() != null && c.ownerStatus().terminal()))
                        .as(why).isTrue();
            }
            if (d instanceof ArchiveOnly) {
                assertThat(c.liveUsers()).as(why).isEmpty();
            }
            assertThat(d.reason()).as(why).isNotBlank();
        }
    }

    static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }
}
