package dev.bosun.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bosun.testing.Git;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merging a PR branch into its base in a bare origin, with real git. */
class LocalMergerTest {
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
        LocalMerger merger = new LocalMerger(git.env());

        String merge = merger.merge(origin.toString(), "main", "feature", "Merge PR #1: feature");

        assertThat(git.run(origin, "rev-parse", "main")).isEqualTo(merge);
        assertThat(git.run(origin, "log", "-1", "--format=%P", "main").split(" ")).hasSize(2); // a merge commit
        assertThat(git.run(origin, "show", "main:feature.txt")).isEqualTo("new");
        assertThatThrownBy(() -> merger.merge(origin.toString(), "main", "clash", "Merge PR #2: clash"))
                .isInstanceOf(PublishFailed.class).hasMessageContaining("conflicts with main in: README.md");
        assertThat(git.run(origin, "rev-parse", "main")).as("nothing pushed").isEqualTo(merge);
    }
}
