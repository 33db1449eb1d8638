package dev.bosun.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bosun.domain.ChangedFile;
import dev.bosun.domain.ChangedFile.Change;
import dev.bosun.domain.ChecksState;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.PullRequestChanges;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.testing.FakeGitHub;
import dev.bosun.testing.Git;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the review pane shows, read the same from both forges off one real repository: the files a PR changes (added,
 * modified, deleted, renamed, binary) with their line counts, from where the branch left its base (a commit on the
 * base since then is not the PR's change), and each file's text on either side.
 */
class PullRequestChangesTest {
    @TempDir
    Path dir;
    private Git git;
    private Path origin;
    private String head;

    @BeforeEach
    void aBranchThatChangesFiveFilesWhileItsBaseMovedOn() throws Exception {
        git = new Git(Files.createDirectories(dir.resolve("home")));
        origin = git.origin(dir);
        Path work = dir.resolve("pusher");
        Files.writeString(work.resolve("App.java"), "class App {\n    int a = 1;\n    int b = 2;\n}\n");
        Files.writeString(work.resolve("old.txt"), "to be deleted\n");
        Files.writeString(work.resolve("moved.txt"), "one\ntwo\nthree\nfour\nfive\n");
        git.run(work, "add", ".");
        git.run(work, "commit", "-q", "-m", "base files");
        git.run(work, "push", "-q", "origin", "HEAD:main");
        git.run(work, "checkout", "-q", "-b", "feature");
        Files.writeString(work.resolve("App.java"), "class App {\n    int a = 10;\n    int b = 2;\n    int c = 3;\n}\n");
        Files.writeString(work.resolve("new.txt"), "brand new\n");
        Files.delete(work.resolve("old.txt"));
        git.run(work, "mv", "moved.txt", "renamed.txt");
        Files.write(work.resolve("logo.bin"), new byte[] {0, 1, 2, 3, 0, 5});
        git.run(work, "add", "-A");
        git.run(work, "commit", "-q", "-m", "feature");
        git.run(work, "push", "-q", "origin", "feature");
        head = git.run(work, "rev-parse", "HEAD");
        git.run(work, "checkout", "-q", "main");
        git.pushCommit(dir, "later.txt", "on main after the branch left it\n");
    }

    @Test
    void theLocalForgeListsTheChangesAndReadsBothSides() throws Exception {
        check(new LocalForge(git.env(), dir.resolve("cache")), pr("local", 1));
    }

    @Test
    void gitHubListsTheSameChangesAndReadsBothSidesEvenOverItsContentsLimit() throws Exception {
        try (FakeGitHub github = new FakeGitHub("ghp_test").backedBy(origin, git.env())) {
            GitHubForge forge = new GitHubForge(new GitHubClient(github.api(), "github.com", "ghp_test"));
            var opened = forge.publish("https://github.com/acme/app.git", "feature", "main", "Feature", "");
            github.contentsLimit = 20; // App.java is read from its blob, as GitHub answers for files over 1 MB
            check(forge, pr("github", opened.number()));
        }
    }

    private void check(Forge forge, PullRequest pr) throws Exception {
        PullRequestChanges c = forge.changes(pr);

        assertThat(c.headCommit()).isEqualTo(head);
        assertThat(c.baseCommit()).isEqualTo(git.run(origin, "merge-base", "main", head));
        Map<String, ChangedFile> files = c.files().stream().collect(Collectors.toMap(ChangedFile::path, f -> f));
        assertThat(files.keySet()).containsExactlyInAnyOrder("App.java", "new.txt", "old.txt", "renamed.txt",
                "logo.bin").doesNotContain("later.txt");
        assertThat(files.get("App.java")).isEqualTo(new ChangedFile("App.java", null, Change.MODIFIED, 2, 1, false));
        assertThat(files.get("new.txt")).isEqualTo(new ChangedFile("new.txt", null, Change.ADDED, 1, 0, false));
        assertThat(files.get("old.txt")).isEqualTo(new ChangedFile("old.txt", null, Change.DELETED, 0, 1, false));
        assertThat(files.get("renamed.txt")).isEqualTo(new ChangedFile("renamed.txt", "moved.txt", Change.RENAMED, 0,
                0, false));
        assertThat(files.get("logo.bin").binary()).isTrue();
        assertThat(c.added()).isEqualTo(3);
        assertThat(c.removed()).isEqualTo(2);

        assertThat(forge.file(pr, c.baseCommit(), "App.java")).contains("class App {\n    int a = 1;\n    int b = 2;\n}\n");
        assertThat(forge.file(pr, c.headCommit(), "App.java")).hasValueSatisfying(t -> assertThat(t)
                .contains("int c = 3;"));
        assertThat(forge.file(pr, c.baseCommit(), "new.txt")).isEmpty();
        assertThat(forge.file(pr, c.headCommit(), "old.txt")).isEmpty();
        assertThat(forge.file(pr, c.baseCommit(), "moved.txt")).contains("one\ntwo\nthree\nfour\nfive\n");
    }

    @Test
    void aFileOverTheLimitIsRefusedWithItsSize() throws Exception {
        git.pushBranch(dir, "huge", "huge.txt", "x".repeat(Forge.MAX_FILE_BYTES + 1));
        LocalForge forge = new LocalForge(git.env(), dir.resolve("cache"));
        PullRequest pr = new PullRequest("pr-2", "obj-1", "ses-1", origin.toString(), 2, "", "huge", "huge", "main",
                "", PullRequestStatus.OPEN, ChecksState.UNKNOWN, Instant.EPOCH, Instant.EPOCH, "local");
        String tip = forge.changes(pr).headCommit();
        assertThatThrownBy(() -> forge.file(pr, tip, "huge.txt")).isInstanceOf(ForgeException.class)
                .hasMessageContaining("too large to show");
    }

    private PullRequest pr(String forge, int number) {
        String repository = forge.equals("github") ? "https://github.com/acme/app.git" : origin.toString();
        return new PullRequest("pr-1", "obj-1", "ses-1", repository, number, "", "Feature", "feature", "main", "",
                PullRequestStatus.OPEN, ChecksState.UNKNOWN, Instant.EPOCH, Instant.EPOCH, forge);
    }
}
