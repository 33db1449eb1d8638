package dev.bosun.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bosun.exec.Command;
import dev.bosun.exec.Executor;
import dev.bosun.exec.LocalExecutor;
import dev.bosun.exec.Result;
import dev.bosun.exec.Running;
import dev.bosun.testing.Git;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushing to a PR's branch: a force push goes out only with a lease on the head Bosun last saw. */
class BranchPublisherTest {
    @TempDir
    Path dir;
    /** An origin, and a clone of it ("pusher") at {@code base}: the checkout Bosun publishes from. */
    Git git;
    Path origin;
    Path work;
    String base;

    @BeforeEach
    void repositories() throws Exception {
        git = new Git(Files.createDirectories(dir.resolve("home")));
        origin = git.origin(dir);
        work = dir.resolve("pusher");
        base = git.run(work, "rev-parse", "HEAD");
    }

    @Test
    void aForcePushIsRefusedWhenTheBranchMovedSinceItsHeadWasRead() throws Exception {
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
    /**
     * A push to a remote that needs a token: Bosun's credential reaches git through a helper fed on its input and the
     * push lands; without it the push is refused (git never waits at a prompt); the token is in no argument, no
     * variable and no remote address.
     */
    @Test
    void aPushAuthenticatesWithBosunsCredentialThroughAHelperFedOnItsInput() throws Exception {
        Files.writeString(work.resolve("a.txt"), "a\n");
        git.run(work, "add", ".");
        git.run(work, "commit", "-q", "-m", "a");
        String token = "ghp_PushTestNotARealToken42";
        try (dev.bosun.testing.GitHttpServer http = new dev.bosun.testing.GitHttpServer(dir, "x-access-token",
                token)) {
            String url = http.url(origin.getFileName().toString());
            String host = java.net.URI.create(url).getAuthority();
            List<Command> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
            LocalExecutor local = new LocalExecutor();
            Executor recording = new Executor() {
                @Override
                public Result run(Command c) throws java.io.IOException, InterruptedException {
                    ran.add(c);
                    return local.run(c);
                }

                @Override
                public Running start(Command c, boolean i, java.util.function.Consumer<String> o,
                        java.util.function.Consumer<String> e) throws java.io.IOException {
                    return local.start(c, i, o, e);
                }

                @Override
                public String describe() {
                    return "local";
                }
            };

            // the operator's own credential helper runs for a push Bosun holds no credential for; it sees none of
            // Bosun's (here in the environment Bosun's git would inherit)
            Path seen = dir.resolve("helper-env");
            git.run(work, "config", "--global", "credential.helper", "!f() { env > '" + seen + "'; }; f");
            java.util.Map<String, String> bosunEnv = new java.util.HashMap<>(git.env());
            bosunEnv.put("GITHUB_TOKEN", token);
            assertThatThrownBy(() -> new BranchPublisher(bosunEnv).push(recording, work.toString(), url, "bosun/a",
                    base, "m")).isInstanceOf(PublishFailed.class).hasMessageContaining("push bosun/a");
            assertThat(Files.readString(seen)).contains("GIT_TERMINAL_PROMPT=0").doesNotContain(token);
            BranchPublisher.Pushed pushed = new BranchPublisher(git.env(), repository -> repository.equals(url)
                    ? java.util.Optional.of(new GitCredential("http", host, "x-access-token", token))
                    : java.util.Optional.empty()).push(recording, work.toString(), url, "bosun/a", base, "m");

            assertThat(git.run(origin, "rev-parse", "bosun/a")).isEqualTo(pushed.headSha());
            assertThat(http.authorizations).contains("Basic " + java.util.Base64.getEncoder().encodeToString(
                    ("x-access-token:" + token).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(ran).isNotEmpty().allSatisfy(c -> {
                assertThat(String.join(" ", c.argv())).doesNotContain(token);
                assertThat(c.env().values()).noneMatch(v -> v.contains(token));
            });
            assertThat(ran).anyMatch(c -> c.stdin() != null && c.stdin().contains("password=" + token));
        }
    }
    /**
     * A repository nested in the checkout, with a filter in its own config: Bosun's status and commit never start
     * git inside it.
     */
    @Test
    void aNestedRepositorysOwnConfigNeverRunsWhenBosunPublishes() throws Exception {
        Path ran = dir.resolve("ran");
        Path sub = work.resolve("sub");
        git.run(work, "init", "-q", sub.toString());
        git.run(sub, "config", "filter.x.clean", "sh -c 'touch \"" + ran + "\"; cat'");
        Files.writeString(sub.resolve(".gitattributes"), "* filter=x\n");
        Files.writeString(sub.resolve("f.txt"), "a\n");
        git.run(sub, "add", ".");
        git.run(sub, "commit", "-q", "-m", "sub");
        Files.deleteIfExists(ran); // its own commit ran it, as the agent's git may
        git.run(work, "add", "sub");
        git.run(work, "commit", "-q", "-m", "with sub");
        Files.writeString(sub.resolve("f.txt"), "b\n"); // the same size, so git must look at it again

        new BranchPublisher(git.env()).push(new LocalExecutor(), work.toString(), origin.toString(), "bosun/n", base,
                "Leftovers");

        assertThat(ran).as("the nested repository's filter ran as Bosun").doesNotExist();
    }

    /** A .git that is not the repository Bosun made (a commondir, a linked config) is refused, and nothing written. */
    @Test
    void aCheckoutWhoseGitPointsElsewhereIsRefused() throws Exception {
        Files.writeString(work.resolve(".git/commondir"), "../../elsewhere\n");
        assertThatThrownBy(() -> new BranchPublisher(git.env()).push(new LocalExecutor(), work.toString(),
                origin.toString(), "bosun/c", base, "m")).isInstanceOf(PublishFailed.class)
                .hasMessageContaining("not the repository Bosun made");
        Files.delete(work.resolve(".git/commondir"));

        Path theirs = Files.writeString(dir.resolve("their-gitconfig"), "[credential]\n\thelper = store\n");
        Files.move(work.resolve(".git/config"), dir.resolve("moved-config"));
        Files.createSymbolicLink(work.resolve(".git/config"), theirs);
        assertThatThrownBy(() -> new BranchPublisher(git.env()).push(new LocalExecutor(), work.toString(),
                origin.toString(), "bosun/c", base, "m")).isInstanceOf(PublishFailed.class)
                .hasMessageContaining("not the repository Bosun made");
        assertThat(Files.readString(theirs)).as("written through the link").contains("helper = store");
    }
}
