package dev.bosun.forge;

import dev.bosun.exec.Command;
import dev.bosun.exec.LocalExecutor;
import dev.bosun.exec.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Merges a pull request's branch into its base in the origin repository itself, for repositories no forge serves: a
 * scratch clone makes a merge commit and pushes the base. A conflict is refused with the conflicting files listed and
 * changes nothing.
 */
public final class LocalMerger {
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);

    private final Map<String, String> gitEnv;
    private final LocalExecutor local = new LocalExecutor();

    public LocalMerger(Map<String, String> gitEnv) {
        this.gitEnv = Map.copyOf(gitEnv);
    }

    /** Blocking (io threads). Returns the merge commit. */
    public String merge(String repository, String base, String branch, String message)
            throws PublishFailed, InterruptedException {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("bosun-merge-");
        } catch (IOException e) {
            throw new PublishFailed("Could not make a scratch folder for the merge: " + e.getMessage());
        }
        try {
            String dir = scratch.resolve("repo").toString();
            git("clone " + repository, null, "clone", "--quiet", "--no-tags", "--branch", base, repository, dir);
            git("fetch " + branch, dir, "fetch", "--quiet", "origin", "refs/heads/" + branch + ":refs/remotes/origin/"
                    + branch);
            Result merge = run(dir, "merge", "--no-ff", "--quiet", "-m", message, "origin/" + branch);
            if (merge.exitCode() != 0) {
                String files = run(dir, "diff", "--name-only", "--diff-filter=U").stdout().strip();
                throw new PublishFailed(files.isEmpty() ? "The merge failed: " + merge.stderr().strip()
                        : "The branch conflicts with " + base + " in: " + String.join(", ", files.lines().toList())
                                + ". Resolve the conflicts on the branch, then merge again.");
            }
            git("push " + base + " to " + repository, dir, "push", "--quiet", "origin", base);
            return git("read the merge commit", dir, "rev-parse", "HEAD").strip();
        } finally {
            deleteScratch(scratch);
        }
    }

    /**
     * Reads a PR's state straight from a local origin repository (nothing is written): its head, whether the base
     * already contains it, and, if not, whether it merges cleanly ({@code git merge-tree}), its commits and diff size.
     */
    public LocalPrState state(String repository, String base, String branch)
            throws PublishFailed, InterruptedException {
        String gitDir = "--git-dir=" + gitDir(repository);
        String head = git("read " + branch, null, gitDir, "rev-parse", "--verify", "refs/heads/" + branch).strip();
        boolean merged = run(null, gitDir, "merge-base", "--is-ancestor", head, "refs/heads/" + base).exitCode() == 0;
        if (merged) {
            return new LocalPrState(head, true, false, List.of(), 0, "");
        }
        int commits = Integer.parseInt(git("count commits", null, gitDir, "rev-list", "--count",
                "refs/heads/" + base + ".." + head).strip());
        String stat = git("diff " + branch, null, gitDir, "diff", "--shortstat", "refs/heads/" + base + "..." + head)
                .strip();
        Result tree = run(null, gitDir, "merge-tree", "--write-tree", "--name-only", "--no-messages",
                "refs/heads/" + base, head);
        List<String> conflicts = tree.exitCode() == 1
                ? tree.stdout().lines().skip(1).filter(l -> !l.isBlank()).toList() : List.of();
        return new LocalPrState(head, false, tree.exitCode() == 1, conflicts, commits, stat);
    }

    /** A bare repository is its own git dir; a working repository keeps it in {@code .git}. */
    private static String gitDir(String repository) {
        java.nio.file.Path dotGit = java.nio.file.Path.of(repository, ".git");
        return Files.isDirectory(dotGit) ? dotGit.toString() : repository;
    }

    private String git(String step, String dir, String... args) throws PublishFailed, InterruptedException {
        Result r = run(dir, args);
        if (r.exitCode() != 0 || r.timedOut()) {
            throw new PublishFailed("Could not " + step + ": " + (r.timedOut() ? "timed out" : r.stderr().strip()));
        }
        return r.stdout();
    }

    private Result run(String dir, String... args) throws PublishFailed, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("git"));
        if (dir != null) {
            argv.addAll(List.of("-C", dir));
        }
        argv.addAll(List.of(args));
        try {
            return local.run(new Command(argv, null, gitEnv, null, STEP_TIMEOUT));
        } catch (IOException e) {
            throw new PublishFailed("Could not run git: " + e.getMessage());
        }
    }

    private static void deleteScratch(Path scratch) {
        try (Stream<Path> walk = Files.walk(scratch)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover in the temp folder is harmless
        }
    }
}
