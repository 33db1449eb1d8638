package dev.bosun.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.bosun.domain.MergeMethod;
import dev.bosun.domain.ChecksState;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.forge.GitHubClient.Repo;
import dev.bosun.testing.FakeGitHub;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The GitHub client against a local server that speaks the REST API subset it uses. */
class GitHubClientTest {
    static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    static final Repo REPO = new Repo("acme", "app");

    FakeGitHub github;
    GitHubClient client;

    @BeforeEach
    void start() throws Exception {
        github = new FakeGitHub("ghp_test");
        client = new GitHubClient(github.api(), "ghp_test");
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void repositoriesAreRecognisedFromTheirCloneUrls() {
        assertThat(GitHubClient.repoOf("https://github.com/acme/app.git")).contains(new Repo("acme", "app"));
        assertThat(GitHubClient.repoOf("git@github.com:acme/my.app.git")).contains(new Repo("acme", "my.app"));
        assertThat(GitHubClient.repoOf("https://github.com/acme/app")).contains(new Repo("acme", "app"));
        assertThat(GitHubClient.repoOf("https://gitlab.com/acme/app.git")).isEmpty();
        assertThat(GitHubClient.repoOf("/srv/git/app.git")).isEmpty();
        assertThat(GitHubClient.repoOf("https://ghe.example.com/acme/app.git", "ghe.example.com"))
                .contains(new Repo("acme", "app"));
        assertThat(GitHubClient.webHost(java.net.URI.create("https://api.github.com"))).isEqualTo("github.com");
        assertThat(GitHubClient.webHost(java.net.URI.create("https://ghe.example.com/api/v3")))
                .isEqualTo("ghe.example.com");
    }

    @Test
    void aPullRequestIsCreatedAndItsStateRead() throws Exception {
        var created = client.create(REPO, "bosun/worker-1", "main", "Add --json", "Adds the flag.");
        assertThat(created.number()).isEqualTo(42);
        assertThat(created.url()).isEqualTo("https://github.com/acme/app/pull/42");
        assertThat(created.status()).isEqualTo(PullRequestStatus.OPEN);
        assertThat(created.mergeable()).as("GitHub has not computed it yet").isNull();

        github.pulls.get(42).put("draft", true);
        assertThat(client.get(REPO, 42).status()).isEqualTo(PullRequestStatus.DRAFT);
        github.pulls.get(42).put("draft", false).put("mergeable", false);
        assertThat(client.get(REPO, 42).mergeable()).isFalse();
        github.pulls.get(42).put("state", "closed");
        assertThat(client.get(REPO, 42).status()).isEqualTo(PullRequestStatus.CLOSED);
        github.pulls.get(42).put("merged", true);
        assertThat(client.get(REPO, 42).status()).isEqualTo(PullRequestStatus.MERGED);
    }

    /** Bosun made the PR, then crashed before recording it: publishing again adopts it instead of failing on 422. */
    @Test
    void aPullRequestMadeButNotRecordedIsAdoptedOnRetry() throws Exception {
        GitHubForge forge = new GitHubForge(new GitHubClient(github.api(), "github.com", "ghp_test"));
        var first = forge.publish("https://github.com/acme/app.git", "bosun/worker-7", "main", "Add --json", "v1");
        var again = forge.publish("https://github.com/acme/app.git", "bosun/worker-7", "main", "Add --json flag",
                "v2");
        assertThat(again.number()).isEqualTo(first.number());
        assertThat(github.pulls).hasSize(1);
        assertThat(github.pulls.get(first.number()).path("title").asText()).isEqualTo("Add --json flag");
        // GitHub refuses a second open PR for a branch, not one beside a closed one: that makes a new PR
        github.pulls.get(first.number()).put("state", "closed");
        var reopened = forge.publish("https://github.com/acme/app.git", "bosun/worker-7", "main", "t", "b");
        assertThat(reopened.number()).as("a closed one is not adopted").isNotEqualTo(first.number());
    }

    @Test
    void checksMapToOneStateForEveryCombination() throws Exception {
        record Case(List<String[]> runs, String status, ChecksState expected) {}
        List<Case> cases = List.of(
                new Case(List.of(), null, ChecksState.UNKNOWN),
                new Case(List.<String[]>of(new String[] {"completed", "success"}), null, ChecksState.PASSING),
                new Case(List.<String[]>of(new String[] {"completed", "success"}), "success", ChecksState.PASSING),
                new Case(List.<String[]>of(new String[] {"in_progress", null}), null, ChecksState.PENDING),
                new Case(List.<String[]>of(new String[] {"completed", "success"}), "pending", ChecksState.PENDING),
                new Case(List.of(), "pending", ChecksState.PENDING),
                new Case(List.<String[]>of(new String[] {"completed", "failure"}, new String[] {"queued", null}), null,
                        ChecksState.FAILING),
                new Case(List.<String[]>of(new String[] {"completed", "timed_out"}), "success", ChecksState.FAILING),
                new Case(List.<String[]>of(new String[] {"completed", "success"}), "failure", ChecksState.FAILING),
                new Case(List.of(), "error", ChecksState.FAILING),
                new Case(List.<String[]>of(new String[] {"completed", "skipped"}), null, ChecksState.PASSING));
        for (Case c : cases) {
            ArrayNode runs = new ObjectMapper().createArrayNode();
            int i = 0;
            for (String[] r : c.runs()) {
                runs.add(FakeGitHub.checkRun("check-" + i++, r[0], r[1]));
            }
            github.checkRuns.put(SHA, runs);
            if (c.status() == null) {
                github.statuses.remove(SHA);
            } else {
                github.statuses.put(SHA, new ObjectMapper().createArrayNode()
                        .add(FakeGitHub.status("ci/legacy", c.status(), "the legacy CI")));
            }
            assertThat(client.checks(REPO, SHA).state()).as(c.toString()).isEqualTo(c.expected());
        }
    }

    @Test
    void failuresCarryWhatTheCheckReportedSoAFollowUpCanFixIt() throws Exception {
        github.checkRuns.put(SHA, new ObjectMapper().createArrayNode()
                .add(FakeGitHub.failedRun("unit-tests", "2 tests failed", "ExportTest > emptyList FAILED",
                        "expected: <[]> but was: <null>\n\tat ExportTest.java:41"))
                .add(FakeGitHub.checkRun("lint", "completed", "success")));
        github.statuses.put(SHA, new ObjectMapper().createArrayNode()
                .add(FakeGitHub.status("ci/jenkins", "error", "The build could not start"))
                .add(FakeGitHub.status("ci/docs", "success", "ok")));

        GitHubClient.Checks checks = client.checks(REPO, SHA);

        assertThat(checks.state()).isEqualTo(ChecksState.FAILING);
        assertThat(checks.failures()).extracting(GitHubClient.Failure::name).containsExactly("unit-tests",
                "ci/jenkins");
        assertThat(checks.failures().get(0).text()).contains("2 tests failed", "ExportTest > emptyList FAILED",
                "ExportTest.java:41", "https://github.com/acme/app/runs/");
        assertThat(checks.failures().get(1).text()).contains("error", "The build could not start",
                "https://ci.example.com/ci/jenkins");
    }

    @Test
    void anUnchangedAnswerIsAskedForConditionallySoItDoesNotCountAgainstTheRateLimit() throws Exception {
        client.create(REPO, "bosun/worker-1", "main", "Add --json", "");
        assertThat(client.get(REPO, 42).status()).isEqualTo(PullRequestStatus.OPEN);
        assertThat(client.get(REPO, 42).status()).isEqualTo(PullRequestStatus.OPEN);
        assertThat(github.notModified.get()).isEqualTo(1);

        github.pulls.get(42).put("state", "closed");
        assertThat(client.get(REPO, 42).status()).as("a change is seen at once").isEqualTo(PullRequestStatus.CLOSED);
        assertThat(github.notModified.get()).isEqualTo(1);
    }

    @Test
    void aGitHubEnterpriseApiBelowAPathIsCalledThere() throws Exception {
        GitHubClient enterprise = new GitHubClient(java.net.URI.create(github.api() + "/api/v3"), "ghp_test");
        assertThat(enterprise.create(REPO, "bosun/worker-1", "main", "Add --json", "").number()).isEqualTo(42);
    }

    @Test
    void aPullRequestIsEditedCommentedAndMergedOnlyAtTheHeadThatWasSeen() throws Exception {
        client.create(REPO, "bosun/worker-1", "main", "Add --json", "");

        client.edit(REPO, 42, "Add --json and --yaml", null);
        client.comment(REPO, 42, "Pushed the fix for the empty list.");

        assertThat(github.pulls.get(42).path("title").asText()).isEqualTo("Add --json and --yaml");
        assertThat(github.pulls.get(42).path("body").asText()).isEmpty();
        assertThat(github.issueComments.get(42).get(0).path("body").asText()).contains("empty list");
        assertThatThrownBy(() -> client.merge(REPO, 42, "0000000000000000000000000000000000000000", "Merge", MergeMethod.MERGE))
                .isInstanceOf(ForgeException.class).hasMessageContaining("Head branch was modified");
        String head = client.get(REPO, 42).headSha();
        assertThat(client.merge(REPO, 42, head, "Merge PR #42", MergeMethod.MERGE)).hasSize(40);
        assertThat(client.get(REPO, 42).status()).isEqualTo(PullRequestStatus.MERGED);
    }

    @Test
    void reviewCommentsAndChangeRequestsAreRead() throws Exception {
        client.create(REPO, "bosun/worker-1", "main", "Add --json", "");
        ObjectMapper json = new ObjectMapper();
        github.comments.put(42, (ArrayNode) json.readTree("[{\"id\":7,\"user\":{\"login\":\"ana\"},"
                + "\"body\":\"Handle the empty list.\",\"path\":\"src/Export.java\"}]"));
        github.reviews.put(42, (ArrayNode) json.readTree("[{\"id\":8,\"user\":{\"login\":\"bo\"},\"state\":"
                + "\"CHANGES_REQUESTED\",\"body\":\"Needs a test.\"},{\"id\":9,\"user\":{\"login\":\"cy\"},"
                + "\"state\":\"APPROVED\",\"body\":\"Nice.\"}]"));

        assertThat(client.reviewComments(REPO, 42)).containsExactly(
                new GitHubClient.Comment(7, "ana", "Handle the empty list.", "src/Export.java"),
                new GitHubClient.Comment(8, "bo", "Needs a test.", null));
    }

    @Test
    void errorsSayWhatHappenedAndWhatToDo() throws Exception {
        assertThatThrownBy(() -> new GitHubClient(github.api(), "wrong").get(REPO, 1))
                .isInstanceOf(ForgeException.class).hasMessageContaining("refused the token")
                .hasMessageContaining("Bad credentials").hasMessageContaining("GITHUB_TOKEN");
        assertThatThrownBy(() -> client.get(REPO, 999)).hasMessageContaining("has no /repos/acme/app/pulls/999");
        client.create(REPO, "bosun/worker-1", "main", "One", "");
        assertThatThrownBy(() -> client.create(REPO, "bosun/worker-1", "main", "Again", ""))
                .hasMessageContaining("refused the request").hasMessageContaining("A pull request already exists");
        github.rateLimited = true;
        assertThatThrownBy(() -> client.get(REPO, 42)).hasMessageContaining("rate limit")
                .hasMessageContaining("2026-11-18T").hasMessageContaining("waits");
    }
}
