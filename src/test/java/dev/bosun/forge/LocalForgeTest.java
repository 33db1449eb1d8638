package dev.bosun.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bosun.domain.ChecksState;
import dev.bosun.domain.MergeMethod;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.testing.Git;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local forge with real git: merging a PR branch into its base in a bare origin. */
class LocalForgeTest {
    @TempDir
    Path dir;

    @Test
    void aCleanBranchIsMergedWithAMergeCommitAndAConflictIsRefusedWithItsFilesChangingNothing() throws Exception {
        Git git = new Git(Files.createDirectories(dir.resolve("home")));
        Path origin = git.origin(dir);
        git.pushBranch(dir, "feature", "feature.txt", "new\n");
        git.pushBranch(dir, "clash", "README.md", "theirs\n");
        git.pushCommit(dir, "README.md", "ours\n");
        LocalForge forge = new LocalForge(git.env(), dir.resolve("cache"));

        String merge = forge.merge(pr(origin, "feature"), "Merge PR #1: feature", MergeMethod.MERGE);

        assertThat(git.run(origin, "rev-parse", "main")).isEqualTo(merge);
        assertThat(git.run(origin, "log", "-1", "--format=%P", "main").split(" ")).hasSize(2); // a merge commit
        assertThat(git.run(origin, "show", "main:feature.txt")).isEqualTo("new");
        assertThatThrownBy(() -> forge.merge(pr(origin, "clash"), "Merge PR #2: clash", MergeMethod.MERGE))
                .isInstanceOf(ForgeException.class).hasMessageContaining("conflicts with main in: README.md");
        assertThat(git.run(origin, "rev-parse", "main")).as("nothing pushed").isEqualTo(merge);

        git.pushBranch(dir, "squashed", "squashed.txt", "one\n");
        String squash = forge.merge(pr(origin, "squashed"), "Merge PR #3: squashed", MergeMethod.SQUASH);
        assertThat(git.run(origin, "log", "-1", "--format=%P %s", "main")).isEqualTo(merge
                + " Merge PR #3: squashed"); // one parent: its changes as one commit on main
        assertThat(git.run(origin, "rev-parse", "main")).isEqualTo(squash);
        assertThat(git.run(origin, "show", "main:squashed.txt")).isEqualTo("one");
        assertThatThrownBy(() -> forge.merge(pr(origin, "squashed"), "x", MergeMethod.REBASE))
                .isInstanceOf(ForgeException.class).hasMessageContaining("merge commit or squashed");
    }

    @Test
    void intoAWorkingRepositoryTheMergeMovesItsCheckedOutBaseOnlyWhenItsWorkingTreeIsClean() throws Exception {
        Git git = new Git(Files.createDirectories(dir.resolve("home")));
        Path repo = dir.resolve("repo");
        git.run(dir, "init", "-q", "-b", "main", repo.toString());
        Files.writeString(repo.resolve("README.md"), "hello\n");
        git.run(repo, "add", ".");
        git.run(repo, "commit", "-q", "-m", "first");
        git.run(repo, "checkout", "-q", "-b", "feature");
        Files.writeString(repo.resolve("feature.txt"), "new\n");
        git.run(repo, "add", ".");
        git.run(repo, "commit", "-q", "-m", "feature");
        git.run(repo, "checkout", "-q", "main");
        LocalForge forge = new LocalForge(git.env(), dir.resolve("cache"));
        Files.writeString(repo.resolve("README.md"), "hello, edited by hand\n");

        assertThatThrownBy(() -> forge.merge(pr(repo, "feature"), "Merge PR #1: feature", MergeMethod.MERGE))
                .isInstanceOf(ForgeException.class)
                .hasMessageContaining("main is checked out in " + repo).hasMessageContaining("uncommitted changes");
        assertThat(Files.readString(repo.resolve("README.md"))).isEqualTo("hello, edited by hand\n");
        assertThat(repo.resolve("feature.txt")).doesNotExist();

        git.run(repo, "checkout", "--", "README.md");
        String merge = forge.merge(pr(repo, "feature"), "Merge PR #1: feature", MergeMethod.MERGE);

        assertThat(git.run(repo, "rev-parse", "main")).isEqualTo(merge);
        assertThat(repo.resolve("feature.txt")).as("the working tree follows the branch").hasContent("new");
        assertThat(git.run(repo, "status", "--porcelain")).isEmpty();
    }

    static PullRequest pr(Path origin, String branch) {
        return new PullRequest("pr-1", "obj-1", "ses-1", origin.toString(), 1, "", branch, branch, "main", "",
                PullRequestStatus.OPEN, ChecksState.UNKNOWN, Instant.EPOCH, Instant.EPOCH, "local");
    }
}
