package dev.bosun.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bosun.exec.LocalExecutor;
import dev.bosun.testing.Git;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushing to a PR's branch: a force push goes out only with a lease on the head Bosun last saw. */
class BranchPublisherTest {
    @TempDir
    Path dir;

    @Test
    void aForcePushIsRefusedWhenTheBranchMovedSinceItsHeadWasRead() throws Exception {
        Git git = new Git(Files.createDirectories(dir.resolve("home")));
        Path origin = git.origin(dir);
        Path work = dir.resolve("pusher");
        String seen = git.pushBranch(dir, "feature", "a.txt", "a\n");
        git.run(work, "checkout", "-q", "feature");
        Path other = dir.resolve("other");
        git.run(dir, "clone", "-q", "--branch", "feature", origin.toString(), other.toString());
        Files.writeString(other.resolve("b.txt"), "b\n");
        git.run(other, "add", ".");
        git.run(other, "commit", "-q", "-m", "b");
        git.run(other, "push", "-q", "origin", "feature");
        String theirs = git.run(other, "rev-parse", "HEAD");
        git.run(work, "commit", "-q", "--amend", "-m", "a, reworded");
        BranchPublisher publisher = new BranchPublisher(git.env());

        assertThatThrownBy(() -> publisher.pushUpdate(new LocalExecutor(), work.toString(), "feature", seen, true,
                "leftovers")).isInstanceOf(PublishFailed.class).hasMessageContaining("moved since Bosun last saw it");
        assertThat(git.run(origin, "rev-parse", "feature")).isEqualTo(theirs);

        BranchPublisher.Pushed pushed = publisher.pushUpdate(new LocalExecutor(), work.toString(), "feature", theirs,
                true, "leftovers");
        assertThat(git.run(origin, "rev-parse", "feature")).isEqualTo(pushed.headSha())
                .isEqualTo(git.run(work, "rev-parse", "HEAD"));
    }
}
