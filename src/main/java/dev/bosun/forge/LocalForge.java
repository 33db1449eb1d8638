package dev.bosun.forge;

import dev.bosun.domain.ChecksState;
import dev.bosun.domain.MergeMethod;
import dev.bosun.domain.ChangedFile;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.PullRequestChanges;
import dev.bosun.domain.PullRequestStatus;
import dev.bosun.domain.RepositoryLocation;
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
 * The forge for repositories no hosted forge serves (a local path, or a remote Bosun cannot open PRs on): a PR is the
 * pushed branch plus Bosun's record of it. Its state is computed with git from the origin (for a remote, from a bare
 * copy under the cache folder, fetched at each refresh); a merge makes a merge commit in a scratch clone and pushes
 * the base; a conflict is refused with the files listed and changes nothing. Title, description and comments live in
 * Bosun alone.
 */
public final class LocalForge implements Forge {
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);

    private final Map<String, String> gitEnv;
    private final Path cache;
    private final LocalExecutor local = new LocalExecutor();
    private final java.util.Map<String, Object> copyLocks = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param cache where bare copies of remote repositories are kept to compute their PRs' state */
    public LocalForge(Map<String, String> gitEnv, Path cache) {
        this.gitEnv = Map.copyOf(gitEnv);
        this.cache = cache;
    }

    @Override
    public String kind() {
        return "local";
    }

    @Override
    public Opened publish(String repository, String branch, String base, String title, String body) {
        return new Opened(null, "");
    }

    @Override
    public void update(PullRequest pr, String title, String body) {
        // the title and description are Bosun's record, written by the caller
    }

    @Override
    public void comment(PullRequest pr, String body) {
        // the comment is in Bosun's audit trail, written by the caller
    }

    @Override
    public String merge(PullRequest pr, String message, MergeMethod method) throws ForgeException,
            InterruptedException {
        if (method == MergeMethod.REBASE) {
            throw new ForgeException("A local repository's pull requests merge with a merge commit or squashed into one"
                    + " commit; choose one of those.");
        }
        Path scratch;
        try {
            scratch = Files.createTempDirectory("bosun-merge-");
        } catch (IOException e) {
            throw new ForgeException("Could not make a scratch folder for the merge: " + e.getMessage());
        }
        try {
            String dir = scratch.resolve("repo").toString();
            String base = pr.baseBranch();
            String where = RepositoryLocation.withoutCredentials(pr.repository());
            git("clone " + where, null, "clone", "--quiet", "--no-tags", "--branch", base, pr.repository(), dir);
            git("fetch " + pr.branch(), dir, "fetch", "--quiet", "origin", "refs/heads/" + pr.branch()
                    + ":refs/remotes/origin/" + pr.branch());
            String head = git("read " + pr.branch(), dir, "rev-parse", "refs/remotes/origin/" + pr.branch()).strip();
            if (!pr.headSha().isBlank() && !head.equals(pr.headSha())) {
                throw new ForgeException(pr.branch() + " moved to " + head + " since Bosun last looked at it ("
                        + pr.headSha() + "). Refresh the pull requests and look at the new commits before merging.");
            }
            Result merge = method == MergeMethod.SQUASH ? run(dir, "merge", "--squash", "--quiet", head)
                    : run(dir, "merge", "--no-ff", "--quiet", "-m", message, head);
            if (merge.exitCode() != 0) {
                String files = run(dir, "diff", "--name-only", "--diff-filter=U").stdout().strip();
                throw new ForgeException(files.isEmpty() ? "The merge failed: " + merge.stderr().strip()
                        : "The branch conflicts with " + base + " in: " + String.join(", ", files.lines().toList())
                                + ". Resolve the conflicts on the branch, then merge again.");
            }
            if (method == MergeMethod.SQUASH) {
                git("commit the squashed changes", dir, "commit", "--quiet", "-m", message);
            }
            pushBase(pr.repository(), base, dir);
            return git("read the merge commit", dir, "rev-parse", "HEAD").strip();
        } finally {
            deleteScratch(scratch);
        }
    }

    /**
     * Pushes the merged base. Into a working repository (not bare) whose checked-out branch is the base, the push
     * updates its working tree too, and only if that is clean: Bosun never moves a branch under someone's
     * uncommitted work.
     */
    private void pushBase(String repository, String base, String scratch) throws ForgeException, InterruptedException {
        boolean working = !RepositoryLocation.isUrl(repository) && Files.isDirectory(Path.of(repository, ".git"));
        if (!working) {
            git("push " + base + " to " + RepositoryLocation.withoutCredentials(repository), scratch, "push",
                    "--quiet", "origin", base);
            return;
        }
        Result r = run(scratch, "push", "--quiet",
                "--receive-pack=git -c receive.denyCurrentBranch=updateInstead receive-pack", "origin", base);
        if (r.exitCode() != 0 || r.timedOut()) {
            String err = r.timedOut() ? "timed out" : r.stderr().strip();
            throw new ForgeException(err.contains("unstaged changes") || err.contains("uncommitted changes")
                    || err.contains("not up to date") ? base + " is checked out in " + repository + " and its working "
                    + "tree has uncommitted changes, so Bosun will not move " + base + " under them. Commit or stash "
                    + "them there (or check out another branch), then merge again."
                    : "Could not push " + base + " to " + repository + ": " + err);
        }
    }

    /**
     * Reads the PR's state from git (nothing is written to the origin): its head, whether the base already contains
     * it (merged outside Bosun), and if not whether it merges cleanly ({@code git merge-tree}), commits and diff size.
     * A branch that is gone while its PR is open means the PR was closed.
     */
    @Override
    public PrState refresh(PullRequest pr) throws ForgeException, InterruptedException {
        String gitDir = "--git-dir=" + gitDirOf(pr.repository());
        String branchRef = "refs/heads/" + pr.branch();
        String baseRef = "refs/heads/" + pr.baseBranch();
        Result head = run(null, gitDir, "rev-parse", "--verify", "--quiet", branchRef);
        if (head.exitCode() != 0) { // the branch was deleted: after a merge outside Bosun, or to close the PR
            boolean merged = !pr.headSha().isBlank()
                    && run(null, gitDir, "merge-base", "--is-ancestor", pr.headSha(), baseRef).exitCode() == 0;
            return new PrState(merged ? PullRequestStatus.MERGED : PullRequestStatus.CLOSED, pr.headSha(),
                    merged ? "merged" : "unknown", List.of(), null, "", ChecksState.UNKNOWN, List.of());
        }
        String sha = head.stdout().strip();
        if (run(null, gitDir, "merge-base", "--is-ancestor", sha, baseRef).exitCode() == 0) {
            return new PrState(PullRequestStatus.MERGED, sha, "merged", List.of(), null, "", ChecksState.UNKNOWN,
                    List.of());
        }
        int commits = Integer.parseInt(git("count commits", null, gitDir, "rev-list", "--count",
                baseRef + ".." + sha).strip());
        String stat = git("diff " + pr.branch(), null, gitDir, "diff", "--shortstat", baseRef + "..." + sha).strip();
        Result tree = run(null, gitDir, "merge-tree", "--write-tree", "--name-only", "--no-messages", baseRef, sha);
        List<String> conflicts = tree.exitCode() == 1
                ? tree.stdout().lines().skip(1).filter(l -> !l.isBlank()).toList() : List.of();
        return new PrState(PullRequestStatus.OPEN, sha, tree.exitCode() == 1 ? "conflicting" : "mergeable",
                conflicts, commits, stat, ChecksState.UNKNOWN, List.of());
    }

    /**
     * From git, as {@code git diff --merge-base} shows it: renames found, no external diff or text conversion (the
     * commits' attributes are the agent's). A branch deleted after a merge is read at the head Bosun recorded.
     */
    @Override
    public PullRequestChanges changes(PullRequest pr) throws ForgeException, InterruptedException {
        String gitDir = "--git-dir=" + gitDirOf(pr.repository());
        Result branch = run(null, gitDir, "rev-parse", "--verify", "--quiet", "refs/heads/" + pr.branch() + "^{commit}");
        String head = branch.exitCode() == 0 ? branch.stdout().strip() : pr.headSha();
        if (head.isBlank()) {
            throw new ForgeException(pr.branch() + " is not in " + RepositoryLocation.withoutCredentials(
                    pr.repository()) + " any more, and Bosun never saw its head.");
        }
        String base = git("find where " + pr.branch() + " left " + pr.baseBranch(), null, gitDir, "merge-base",
                "refs/heads/" + pr.baseBranch(), head).strip();
        String[] names = git("list the changed files", null, gitDir, "diff", "--no-ext-diff", "--no-textconv", "-M",
                "-z", "--name-status", base, head).split("\0");
        String[] counts = git("count the changed lines", null, gitDir, "diff", "--no-ext-diff", "--no-textconv",
                "-M", "-z", "--numstat", base, head).split("\0");
        List<ChangedFile> files = new ArrayList<>();
        int n = 0;
        for (int i = 0; i + 1 < names.length; ) {
            char kind = names[i].charAt(0);
            boolean renamed = kind == 'R' || kind == 'C';
            String before = names[i + 1];
            String after = renamed ? names[i + 2] : before;
            i += renamed ? 3 : 2;
            // numstat -z: "added TAB removed TAB path", or for a rename "added TAB removed TAB" then both paths
            String[] count = counts[n].split("\t");
            n += renamed ? 3 : 1;
            boolean binary = count[0].equals("-");
            files.add(new ChangedFile(after, before, switch (kind) {
                case 'A' -> ChangedFile.Change.ADDED;
                case 'D' -> ChangedFile.Change.DELETED;
                case 'R', 'C' -> ChangedFile.Change.RENAMED;
                default -> ChangedFile.Change.MODIFIED;
            }, binary ? 0 : Integer.parseInt(count[0]), binary ? 0 : Integer.parseInt(count[1]), binary));
        }
        return new PullRequestChanges(base, head, files);
    }

    @Override
    public java.util.Optional<String> file(PullRequest pr, String commit, String path)
            throws ForgeException, InterruptedException {
        // the copy of a remote repository was fetched when the changes were read: no fetch per file
        String gitDir = "--git-dir=" + (RepositoryLocation.isUrl(pr.repository()) ? copyOf(pr.repository())
                : gitDirOf(pr.repository()));
        Result size = run(null, gitDir, "cat-file", "-s", commit + ":" + path);
        if (size.exitCode() != 0) {
            return java.util.Optional.empty();
        }
        long bytes = Long.parseLong(size.stdout().strip());
        if (bytes > MAX_FILE_BYTES) {
            throw new ForgeException(path + " is " + bytes / 1024 + " KiB at " + commit.substring(0, 12)
                    + ", too large to show here (the limit is " + MAX_FILE_BYTES / 1024 + " KiB).");
        }
        return java.util.Optional.of(git("read " + path, null, gitDir, "cat-file", "blob", commit + ":" + path));
    }

    /**
     * Where git can read the repository: a local one in place (a bare repository is its own git dir); a remote one
     * in a bare copy under the cache, fetched now, branches mirrored (so a deleted branch is gone here too).
     */
    private String gitDirOf(String repository) throws ForgeException, InterruptedException {
        if (!RepositoryLocation.isUrl(repository)) {
            Path dotGit = Path.of(repository, ".git");
            return Files.isDirectory(dotGit) ? dotGit.toString() : repository;
        }
        String copy = copyOf(repository);
        String where = RepositoryLocation.withoutCredentials(repository);
        synchronized (copyLocks.computeIfAbsent(copy, k -> new Object())) { // two refreshes never fetch into one copy
            if (!Files.isDirectory(Path.of(copy))) {
                git("make a copy of " + where, null, "init", "--quiet", "--bare", copy);
            }
            git("fetch " + where, null, "--git-dir=" + copy, "fetch", "--quiet", "--prune", repository,
                    "+refs/heads/*:refs/heads/*");
        }
        return copy;
    }

    private String copyOf(String repository) {
        return cache.resolve(RepositoryLocation.slug(RepositoryLocation.withoutCredentials(repository)) + ".git")
                .toString();
    }

    private String git(String step, String dir, String... args) throws ForgeException, InterruptedException {
        Result r = run(dir, args);
        if (r.exitCode() != 0 || r.timedOut()) {
            throw new ForgeException("Could not " + step + ": " + (r.timedOut() ? "timed out" : r.stderr().strip()));
        }
        return r.stdout();
    }

    private Result run(String dir, String... args) throws ForgeException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("git"));
        if (dir != null) {
            argv.addAll(List.of("-C", dir));
        }
        argv.addAll(List.of(args));
        try {
            return local.run(new Command(argv, null, gitEnv, null, STEP_TIMEOUT));
        } catch (IOException e) {
            throw new ForgeException("Could not run git: " + e.getMessage());
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
