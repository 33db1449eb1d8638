package dev.bosun.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bosun.domain.ChecksState;
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
        Path work = dir.resolve("pusher");
        git.run(work, "checkout", "-q", "-b", "feature");
        Files.writeString(work.resolve("feature.txt"), "new\n");
        git.run(work, "add", ".");
        git.run(work, "commit", "-q", "-m", "feature");
        git.run(work, "push", "-q", "origin", "feature");
        git.run(work, "checkout", "-q", "-b", "clash", "main");
        Files.writeString(work.resolve("README.md"), "theirs\n");
        git.run(work, "commit", "-q", "-am", "clash");
        git.run(work, "push", "-q", "origin", "clash");
        git.run(work, "checkout", "-q", "main");
        git.pushCommit(dir, "README.md", "ours\n");
        LocalForge forge = new LocalForge(git.env(), dir.resolve("cache"));

        String merge = forge.merge(pr(origin, "feature"), "Merge PR #1: feature");

        assertThat(git.run(origin, "rev-parse", "main")).isEqualTo(merge);
        assertThat(git.run(origin, "log", "-1", "--format=%P", "main").split(" ")).hasSize(2); // a merge commit
        assertThat(git.run(origin, "show", "main:feature.txt")).isEqualTo("new");
        assertThatThrownBy(() -> forge.merge(pr(origin, "clash"), "Merge PR #2: clash"))
                .isInstanceOf(ForgeException.class).hasMessageContaining("conflicts with main in: README.md");
        assertThat(git.run(origin, "rev-parse", "main")).as("nothing pushed").isEqualTo(merge);
    }

    static PullRequest pr(Path origin, String branch) {
        return new PullRequest("pr-1", "obj-1", "ses-1", origin.toString(), 1, "", branch, branch, "main", "",
                PullRequestStatus.OPEN, ChecksState.UNKNOWN, Instant.EPOCH, Instant.EPOCH, "local");
    }
}
