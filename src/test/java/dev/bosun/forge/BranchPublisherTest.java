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

        assertThatThrownBy(() -> publisher.pushUpdate(new LocalExecutor(), work.toString(), origin.toString(), "feature", seen, true,
                "leftovers")).isInstanceOf(PublishFailed.class).hasMessageContaining("moved since Bosun last saw it");
        assertThat(git.run(origin, "rev-parse", "feature")).isEqualTo(theirs);

        BranchPublisher.Pushed pushed = publisher.pushUpdate(new LocalExecutor(), work.toString(), origin.toString(), "feature", theirs,
                true, "leftovers");
        assertThat(git.run(origin, "rev-parse", "feature")).isEqualTo(pushed.headSha())
                .isEqualTo(git.run(work, "rev-parse", "HEAD"));
    }

    /**
     * An agent plants hooks, an fsmonitor and programs in its checkout's config: Bosun's status, add, commit and push
     * run none of them, and the config keeps only what is inert.
     */
    @Test
    void aCheckoutsOwnHooksAndFsmonitorNeverRunWhenBosunPublishes() throws Exception {
        Git git = new Git(Files.createDirectories(dir.resolve("home")));
        Path origin = git.origin(dir);
        Path work = dir.resolve("pusher");
        String base = git.run(work, "rev-parse", "HEAD");
        Path ran = dir.resolve("ran");
        for (String hook : new String[] {"pre-push", "pre-commit", "reference-transaction", "post-commit"}) {
            Path h = work.resolve(".git/hooks/" + hook);
            Files.writeString(h, "#!/bin/sh\necho " + hook + " >> '" + ran + "'\n");
            h.toFile().setExecutable(true);
        }
        Path monitor = dir.resolve("fsmonitor.sh");
        Files.writeString(monitor, "#!/bin/sh\necho fsmonitor >> '" + ran + "'\n");
        monitor.toFile().setExecutable(true);
        git.run(work, "config", "core.fsmonitor", monitor.toString());
        // programs the checkout's own config names, which git add, commit and push would run: a clean filter, a gpg
        // program, credential helpers, an ssh command, a receive-pack, an include of a file that names more
        String planted = "sh -c 'echo config >> \"" + ran + "\"; cat'";
        git.run(work, "config", "filter.evil.clean", planted);
        Files.writeString(work.resolve(".gitattributes"), "* filter=evil\n");
        git.run(work, "config", "credential.https://a b.helper", "!" + planted); // a subsection with a space
        git.run(work, "config", "commit.gpgSign", "true");
        git.run(work, "config", "gpg.program", ran.toString());
        git.run(work, "config", "credential.helper", "!" + planted);
        git.run(work, "config", "core.sshCommand", planted);
        git.run(work, "config", "remote.origin.receivepack", planted);
        Path included = Files.writeString(dir.resolve("included"), "[core]\n\tpager = " + planted + "\n");
        git.run(work, "config", "include.path", included.toString());
        Files.writeString(work.resolve(".git/config"), "[Core]\n\tSSHCommand = " + planted.replace("\"", "\\\"")
                + "\n", java.nio.file.StandardOpenOption.APPEND); // another case, written by hand
        Path elsewhere = dir.resolve("elsewhere.git");
        git.run(dir, "init", "-q", "--bare", elsewhere.toString());
        git.run(work, "remote", "set-url", "origin", elsewhere.toString()); // where the agent wants the work to go
        Files.writeString(work.resolve("left.txt"), "uncommitted\n"); // so Bosun runs status, add and commit too

        BranchPublisher.Pushed pushed = new BranchPublisher(git.env()).push(new LocalExecutor(), work.toString(),
                origin.toString(), "bosun/worker-x", base, "Leftovers");

        assertThat(git.run(origin, "rev-parse", "bosun/worker-x")).isEqualTo(pushed.headSha());
        assertThat(ran).as("what the agent planted ran as Bosun").doesNotExist();
        assertThat(git.run(elsewhere, "for-each-ref")).as("pushed where the agent pointed origin").isEmpty();
        assertThat(git.run(work, "config", "--local", "--name-only", "--list")).doesNotContain("filter.", "gpg",
                "credential", "sshcommand", "receivepack", "include", "fsmonitor");
    }
}
