package dev.bosun.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bosun.domain.Ids;
import dev.bosun.domain.SessionRole;
import dev.bosun.exec.Executor;
import dev.bosun.testing.Git;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkouts through an executor: locally and over SSH (same tests). */
abstract class CheckoutContract {
    @TempDir
    Path dir;
    Git git;
    Path origin;
    WorkRoot root;
    CheckoutPreparer preparer;

    abstract Executor executor();

    @BeforeEach
    void setUp() throws Exception {
        git = new Git(Files.createDirectories(dir.resolve("home")));
        origin = git.origin(dir);
        root = new WorkRoot(Files.createDirectories(dir.resolve("work")).toString());
        preparer = new CheckoutPreparer(git.env());
    }

    /** A repository that is a folder on the target is cloned from directly (hard links): no mirror, and fresh. */
    @Test
    void aFolderRepositoryIsClonedDirectlyWithoutAMirror() throws Exception {
        String first = Ids.next("ses", Instant.now());
        Checkout a = preparer.prepare(executor(), root, origin.toString(), "", first, SessionRole.WORKER);
        assertThat(Path.of(a.path(), "README.md")).hasContent("hello");
        String pushed = git.pushCommit(dir, "NEW.md", "after the first checkout\n");
        Checkout b = preparer.prepare(executor(), root, origin.toString(), "main", Ids.next("ses", Instant.now()),
                SessionRole.WORKER);
        assertThat(b.baseSha()).isEqualTo(pushed);
        assertThat(git.run(Path.of(b.path()), "remote", "get-url", "origin")).isEqualTo(origin.toString());
        assertThat(executor().run(dev.bosun.exec.Command.of("test", "-e", root.cache())).ok()).as("no mirror")
                .isFalse();
    }

    @Test
    void aCheckoutIsFreshEvenWhenTheMirrorIsStale() throws Exception {
        String url = "file://" + origin; // an address, not a folder: it goes through the mirror
        String first = Ids.next("ses", Instant.now());
        Checkout a = preparer.prepare(executor(), root, url, "", first, SessionRole.WORKER);
        assertThat(Path.of(a.path())).isEqualTo(Path.of(root.checkoutOf(first)));
        assertThat(a.branch()).isEqualTo("bosun/worker-" + first.substring(first.length() - 8));
        assertThat(Path.of(a.path(), "README.md")).hasContent("hello");
        assertThat(Path.of(root.cache())).isDirectory();

        String pushed = git.pushCommit(dir, "NEW.md", "after the mirror was made\n");
        String second = Ids.next("ses", Instant.now());
        Checkout b = preparer.prepare(executor(), root, url, "main", second, SessionRole.REVIEWER);
        assertThat(b.baseSha()).isEqualTo(pushed);
        assertThat(b.baseRef()).isEqualTo("origin/main");
        assertThat(Path.of(b.path(), "NEW.md")).exists();
        assertThat(git.run(Path.of(b.path()), "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo(b.branch());
        assertThat(git.run(Path.of(b.path()), "remote", "get-url", "origin")).isEqualTo(url);
    }

    /** Between refreshes the mirror is not looked at; one removed meanwhile (by hand) is made again, not a failure. */
    @Test
    void aMirrorRemovedBetweenTwoCheckoutsIsMadeAgain() throws Exception {
        String url = "file://" + origin;
        preparer.prepare(executor(), root, url, "main", Ids.next("ses", Instant.now()), SessionRole.WORKER);
        assertThat(executor().run(dev.bosun.exec.Command.of("rm", "-rf", root.cache())).ok()).isTrue();
        Checkout again = preparer.prepare(executor(), root, url, "main", Ids.next("ses", Instant.now()),
                SessionRole.WORKER);
        assertThat(again.baseRef()).isEqualTo("origin/main");
        assertThat(executor().run(dev.bosun.exec.Command.of("test", "-d", root.cache())).ok()).isTrue();
    }

    /** A first clone shows git's own progress, by step, not a bare "preparing"; the checkout is the same. */
    @Test
    void gitsProgressOfAFirstCloneIsReportedByStep() throws Exception {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        String id = Ids.next("ses", Instant.now());
        Checkout c = preparer.prepare(executor(), root, "file://" + origin, "main", id, SessionRole.WORKER, null,
                List.of(), seen::add);
        // a small repository: the origin counts its objects (a large one also shows them received, and deltas)
        assertThat(seen).anyMatch(l -> l.startsWith("mirror: Counting objects: 100% (") && l.endsWith("done."));
        assertThat(seen).noneMatch(l -> l.contains("bosun-step"));
        assertThat(Path.of(c.path(), "README.md")).hasContent("hello");
    }

    @Test
    void aMissingBaseBranchOrRepositoryFailsWithAClearMessage() throws Exception {
        String s = Ids.next("ses", Instant.now());
        var on = executor(); // outside the lambdas: a missing test sshd skips the test rather than failing it
        assertThatThrownBy(() -> preparer.prepare(on, root, origin.toString(), "release-9", s,
                SessionRole.WORKER)).isInstanceOf(CheckoutFailed.class)
                .hasMessageContaining("'release-9' does not exist");
        String t = Ids.next("ses", Instant.now());
        assertThatThrownBy(() -> preparer.prepare(on, root, dir.resolve("nope.git").toString(), "", t,
                SessionRole.WORKER)).isInstanceOf(CheckoutFailed.class)
                .hasMessageContaining("Could not clone " + dir.resolve("nope.git")).hasMessageContaining("does not exist");
        String u = Ids.next("ses", Instant.now());
        assertThatThrownBy(() -> preparer.prepare(on, root, "file://" + dir.resolve("nope.git"), "", u,
                SessionRole.WORKER)).isInstanceOf(CheckoutFailed.class)
                .hasMessageContaining("Could not mirror");
    }

    /** {@code .../x/a-b/c} and {@code .../x/a/b-c} read alike as folder names: each still gets a mirror of its own. */
    @Test
    void repositoriesWhoseNamesCollideAsFoldersNeverShareAMirror() throws Exception {
        Path a = Files.createDirectories(dir.resolve("x/a-b/c"));
        Path b = Files.createDirectories(dir.resolve("x/a/b-c"));
        git.origin(a);
        git.origin(b);
        String onlyInA = git.pushCommit(a, "A.md", "a's work\n");
        var on = executor();
        Checkout fromA = preparer.prepare(on, root, "file://" + a.resolve("origin.git"), "main",
                Ids.next("ses", Instant.now()), SessionRole.WORKER);
        Checkout fromB = preparer.prepare(on, root, "file://" + b.resolve("origin.git"), "main",
                Ids.next("ses", Instant.now()), SessionRole.WORKER);
        assertThat(fromA.baseSha()).isEqualTo(onlyInA);
        assertThat(fromB.baseSha()).isNotEqualTo(onlyInA);
        assertThat(on.run(dev.bosun.exec.Command.of("git", "-C", fromB.path(), "cat-file", "-e", onlyInA + "^{commit}"))
                .exitCode()).as("B's checkout cannot reach A's commit").isNotZero();
    }
}
