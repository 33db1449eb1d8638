package dev.bosun.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.domain.Actor;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.Objective;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.domain.Session;
import dev.bosun.store.Row.PullRequestRow;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local forge's refresh, with real git: mergeable or conflicting, and a merge made outside Bosun. */
class PullRequestRefreshTest {
    @TempDir
    Path dir;

    @Test
    void openPullRequestsShowWhetherTheyMergeAndOneMergedOutsideBosunIsRecordedAndTold() throws Exception {
        try (EngineHarness h = new EngineHarness(dir)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            h.pass();
            Session m = h.manager(o.id());
            Path work = dir.resolve("pusher");
            String feature = h.git.pushBranch(dir, "feature", "feature.txt", "new\n");
            h.git.pushBranch(dir, "clash", "README.md", "theirs\n");
            h.git.pushCommit(dir, "README.md", "ours\n");
            PullRequest first = record(h, o, m, "feature", feature);
            PullRequest second = record(h, o, m, "clash", h.git.run(work, "rev-parse", "clash"));

            h.await(h.ops.refreshPullRequests());

            PullRequestRow one = row(h, first);
            assertThat(one.mergeable()).isEqualTo("mergeable");
            assertThat(one.commits()).isEqualTo(1);
            assertThat(one.diffStat()).contains("1 file changed");
            PullRequestRow two = row(h, second);
            assertThat(two.mergeable()).isEqualTo("conflicting");
            assertThat(two.conflictFiles()).isEqualTo("README.md");

            h.git.run(work, "checkout", "-q", "main");
            h.git.run(work, "merge", "-q", "--no-ff", "-m", "merged by hand", "feature");
            h.git.run(work, "push", "-q", "origin", "main");
            h.await(h.ops.refreshPullRequests());
            h.settle();

            assertThat(h.db.read(tx -> tx.pullRequests().byId(first.id())).orElseThrow().status())
                    .isEqualTo(PullRequestStatus.MERGED);
            List<String> told = h.run(m).received.stream().filter(t -> t.contains("PR #1")).toList();
            assertThat(told).singleElement().asString().contains("PR #1", "was merged into main",
                    "merged outside Bosun");
            h.await(h.ops.refreshPullRequests()); // a second refresh tells nobody again
            h.settle();
            assertThat(h.run(m).received.stream().filter(t -> t.contains("PR #1"))).hasSize(1);
        }
    }

    static PullRequest record(EngineHarness h, Objective o, Session m, String branch, String head) {
        return h.db.write(tx -> tx.pullRequests().recordLocal(o.id(), m.id(), o.repository(), branch, "", branch,
                "main", head, Actor.session(m.id())));
    }

    static PullRequestRow row(EngineHarness h, PullRequest pr) {
        List<PullRequestRow> rows = h.db.read(tx -> tx.rows().pullRequests());
        return rows.stream().filter(r -> r.id().equals(pr.id())).findFirst().orElseThrow();
    }
}
