package dev.bosun.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.ChecksState;
import dev.bosun.domain.MergeMethod;
import dev.bosun.domain.MergeRequest;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.forge.Forges;
import dev.bosun.forge.LocalForge;
import dev.bosun.testing.FakeGitHub;
import dev.bosun.testing.Git;
import dev.bosun.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PR loop on GitHub: a local server speaking GitHub's REST API, backed by a real bare repository that git reaches
 * at its github.com address (through git's own {@code url.<base>.insteadOf}). Publishing opens the PR there; failing
 * checks and review comments start one follow-up worker on the PR's branch with their text; its commits are pushed
 * with update_pr; a used-up rate limit is reported and changes nothing; a merge merges on GitHub.
 */
class GitHubPullRequestLoopTest {
    private static final String URL = "https://github.com/acme/widgets.git";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Git git;
    Path origin;
    FakeGitHub github;
    EngineHarness h;
    Objective o;
    Session m;
    PullRequestLoopTest.Worked w;

    /** An objective on the GitHub repository whose worker wrote json.txt and succeeded. */
    @BeforeEach
    void aWorkerHasWorkToPublish() throws Exception {
        git = new Git(Files.createDirectories(dir.resolve("home")));
        origin = git.origin(dir);
        git.run(dir, "config", "--global", "url." + origin + ".insteadOf", URL);
        github = new FakeGitHub("ghp_test").backedBy(origin, git.env());
        h = new EngineHarness(dir, new ManualClock(), EngineHarness.SETTINGS, new Forges(new LocalForge(git.env(),
                dir.resolve("cache")), github.api(), "github.com", () -> Optional.of("ghp_test")));
        o = h.await(h.ops.createObjective(new ObjectiveDraft("Ship it", "Add a --json flag.", URL, "main",
                AgentKind.CLAUDE)));
        h.pass();
        m = h.manager(o.id());
        w = PullRequestLoopTest.workerWrote(h, m, "json.txt", "--json\n");
    }

    @AfterEach
    void close() {
        h.close();
        github.close();
    }

    @Test
    void failingChecksAndReviewCommentsStartOneFollowUpWhoseCommitsArePushedAndTheMergeHappensOnGitHub()
            throws Exception {
        AgentOperations agents = h.orchestration.agentOperations();

        PullRequest pr = h.await(agents.publishPr(m.id(), w.worker().id(), "Add --json", "Adds the flag."));

        assertThat(pr.forge()).isEqualTo("github");
        assertThat(pr.number()).isEqualTo(42);
        assertThat(pr.url()).isEqualTo("https://github.com/acme/widgets/pull/42");
        assertThat(github.pulls.get(42).path("head").path("ref").asText()).isEqualTo(pr.branch());
        assertThat(github.pulls.get(42).path("base").path("ref").asText()).isEqualTo("main");
        assertThat(git.run(origin, "show", pr.branch() + ":json.txt")).isEqualTo("--json");

        github.checkRuns.put(pr.headSha(), JSON.createArrayNode().add(FakeGitHub.failedRun("unit-tests",
                "1 test failed", "ExportTest > emptyList FAILED", "expected: <[]> but was: <null>")));
        github.comments.put(42, array(FakeGitHub.reviewComment(7, "ana", "src/Export.java",
                "Handle the empty list.")));
        h.await(h.ops.refreshPullRequests());
        h.await(h.ops.refreshPullRequests()); // nothing new: still one follow-up
        h.settle();

        assertThat(h.db.read(tx -> tx.pullRequests().byId(pr.id())).orElseThrow().checks())
                .isEqualTo(ChecksState.FAILING);
        // a merge asks first: failing checks need the explicit second step, and a head not seen is refused
        assertThatThrownBy(() -> h.await(h.ops.mergePullRequest(pr.id(), new MergeRequest(pr.headSha(),
                MergeMethod.MERGE, false)))).hasMessageContaining("PR #42's checks fail");
        assertThatThrownBy(() -> h.await(h.ops.mergePullRequest(pr.id(), new MergeRequest("0".repeat(40),
                MergeMethod.MERGE, true)))).hasMessageContaining("PR #42 changed since you looked");
        assertThat(github.mergeMethods).as("nothing asked of GitHub").isEmpty();
        Session f1 = followUps(h, o).stream().reduce((a, b) -> b).orElseThrow();
        assertThat(followUps(h, o)).hasSize(1);
        assertThat(f1.goal()).contains("Pull request #42", "ExportTest > emptyList FAILED", "expected: <[]> but was",
                "@ana on src/Export.java: Handle the empty list.", "Do not push");
        assertThat(h.run(m).received).last().asString()
                .contains("1 failing check and 1 review comment", f1.id());

        h.pass();
        Path fix = h.agents(f1.agent()).lastLaunchOf(f1.id()).workDir();
        assertThat(git.run(fix, "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo(pr.branch());
        assertThat(git.run(fix, "rev-parse", "HEAD")).isEqualTo(pr.headSha());
        github.comments.get(42).add(FakeGitHub.reviewComment(8, "bo", "README.md", "Document --json."));
        h.await(h.ops.refreshPullRequests());
        h.settle();
        assertThat(followUps(h, o)).as("at most one live follow-up per PR").hasSize(1);

        Files.writeString(fix.resolve("json.txt"), "--json (empty list handled)\n");
        h.await(agents.reportResult(f1.id(), "handled the empty list"));
        h.agentDoes(() -> h.run(f1).exit(true, "handled the empty list"));
        EngineHarness.waitFor(() -> h.run(m).received.stream().anyMatch(t -> t.contains("Follow-up worker "
                + f1.id() + " of PR")));

        assertThat(h.run(m).received).last().asString().contains("handled the empty list",
                "Its commits are pushed to PR #42");
        assertThat(git.run(origin, "rev-parse", pr.branch())).isEqualTo(git.run(fix, "rev-parse", "HEAD"));
        PullRequest updated = h.await(agents.updatePr(m.id(), 42, null, "Add --json (empty lists too)", null, null,
                "Handled the empty list."));
        assertThat(updated.title()).isEqualTo("Add --json (empty lists too)");
        assertThat(github.pulls.get(42).path("title").asText()).isEqualTo("Add --json (empty lists too)");
        assertThat(github.issueComments.get(42).get(0).path("body").asText()).isEqualTo("Handled the empty list.");

        h.await(h.ops.refreshPullRequests());
        h.settle();
        List<Session> all = followUps(h, o);
        assertThat(all).hasSize(2);
        assertThat(all.get(1).goal()).contains("@bo on README.md: Document --json.")
                .doesNotContain("Handle the empty list", "ExportTest");
        assertThat(h.db.read(tx -> tx.pullRequests().byId(pr.id())).orElseThrow().checks())
                .as("no checks on the new head yet").isEqualTo(ChecksState.UNKNOWN);

        github.rateLimited = true;
        RefreshReport limited = h.await(h.ops.refreshPullRequests());
        assertThat(limited.refreshed()).isZero();
        assertThat(limited.problems()).singleElement().asString().contains("PR #42", "rate limit");
        github.rateLimited = false;

        String seen = h.db.read(tx -> tx.pullRequests().byId(pr.id())).orElseThrow().headSha();
        h.await(h.ops.mergePullRequest(pr.id(), new MergeRequest(seen, MergeMethod.SQUASH, false)));
        h.settle();

        assertThat(h.db.read(tx -> tx.pullRequests().byId(pr.id())).orElseThrow().status())
                .isEqualTo(PullRequestStatus.MERGED);
        assertThat(github.mergeMethods).containsExactly("squash");
        assertThat(git.run(origin, "show", "main:json.txt")).isEqualTo("--json (empty list handled)");
        assertThat(h.session(all.get(1).id()).status()).as("a follow-up of a merged PR is stopped")
                .isEqualTo(SessionStatus.CANCELED);
        assertThat(h.run(m).received).anySatisfy(msg -> assertThat(msg).contains("PR #42", "was merged"));
    }

    @Test
    void withoutATokenAGitHubRepositoryIsNotPublishedAsALocalPr() throws Exception {
        try (EngineHarness bare = new EngineHarness(dir.resolve("no-token"), new ManualClock(), EngineHarness.SETTINGS,
                new Forges(new LocalForge(git.env(), dir.resolve("cache2")), github.api(), "github.com",
                        Optional::empty))) {
            bare.git.run(dir, "config", "--global", "url." + origin + ".insteadOf", URL);
            Objective o2 = bare.await(bare.ops.createObjective(new ObjectiveDraft("Ship it", "Add a flag.", URL,
                    "main", AgentKind.CLAUDE)));
            bare.pass();
            Session m2 = bare.manager(o2.id());
            PullRequestLoopTest.Worked w2 = PullRequestLoopTest.workerWrote(bare, m2, "flag.txt", "--flag\n");

            assertThatThrownBy(() -> bare.await(bare.orchestration.agentOperations().publishPr(m2.id(),
                    w2.worker().id(), "Add a flag", ""))).hasMessageContaining("is on GitHub")
                    .hasMessageContaining("GITHUB_TOKEN").hasMessageContaining("gh auth login");
            List<PullRequest> none = bare.db.read(tx -> tx.pullRequests().forObjective(o2.id()));
            assertThat(none).isEmpty();
        }
    }

    @Test
    void aPrClosedOnGitHubAsksTheManagerWhatNowAndOneReopenedIsOpenAgain() throws Exception {
        PullRequest pr = h.await(h.orchestration.agentOperations().publishPr(m.id(), w.worker().id(),
                "Add --json", ""));
        github.pulls.get(42).put("state", "closed");

        h.await(h.ops.refreshPullRequests());
        h.settle();

        assertThat(h.db.read(tx -> tx.pullRequests().byId(pr.id())).orElseThrow().status())
                .isEqualTo(PullRequestStatus.CLOSED);
        assertThat(h.run(m).received).last().asString().contains("PR #42", "closed without being merged",
                "What now?");

        github.pulls.get(42).put("state", "open"); // someone reopens it
        h.await(h.ops.refreshPullRequests());
        h.settle();

        assertThat(h.db.read(tx -> tx.pullRequests().byId(pr.id())).orElseThrow().status())
                .isEqualTo(PullRequestStatus.OPEN);
        assertThat(h.run(m).received).last().asString().contains("PR #42", "was reopened");
    }

    private static List<Session> followUps(EngineHarness h, Objective o) {
        return h.sessions(o.id()).stream().filter(s -> s.role() == SessionRole.FOLLOW_UP).toList();
    }

    private static ArrayNode array(com.fasterxml.jackson.databind.JsonNode... items) {
        ArrayNode a = JSON.createArrayNode();
        for (var i : items) {
            a.add(i);
        }
        return a;
    }
}
