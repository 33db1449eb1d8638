package dev.bosun.workspace;

import dev.bosun.domain.RepositoryLocation;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.WireNames;
import dev.bosun.exec.Command;
import dev.bosun.exec.Executor;
import dev.bosun.exec.Result;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes {@code <WorkRoot>/<sessionID>} a fresh checkout of a repository, on any target, through its executor. A bare
 * mirror per repository ({@code <WorkRoot>/.bosun-cache/<slug>.git}) makes it fast: the checkout is a local clone of
 * the mirror. It is still fresh: origin is set back to the real repository and fetched before the branch is made, so
 * a commit pushed a second ago is there. The base commit is recorded.
 */
public final class CheckoutPreparer {
    private static final Duration CLONE_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);

    /** One preparation per mirror at a time (two sessions on one repo must not fetch into the mirror together). */
    private final Map<String, ReentrantLock> mirrorLocks = new ConcurrentHashMap<>();
    private final Map<String, Instant> refreshed = new ConcurrentHashMap<>();
    private static final Duration MIRROR_REFRESH = Duration.ofMinutes(15);
    private final Map<String, String> gitEnv;

    /** @param gitEnv environment for every git command (tests pass a hermetic one) */
    public CheckoutPreparer(Map<String, String> gitEnv) {
        this.gitEnv = Map.copyOf(gitEnv);
    }

    public Checkout prepare(Executor on, WorkRoot root, String repository, String baseBranch, String sessionId,
            SessionRole role) throws CheckoutFailed, InterruptedException {
        return prepare(on, root, repository, baseBranch, sessionId, role, null);
    }

    /**
     * As above; with {@code existingBranch} (a pull request's branch, for its follow-up) the checkout is on that
     * branch at its head in the origin, instead of on a new branch from the base.
     */
    public Checkout prepare(Executor on, WorkRoot root, String repository, String baseBranch, String sessionId,
            SessionRole role, String existingBranch) throws CheckoutFailed, InterruptedException {
        return prepare(on, root, repository, baseBranch, sessionId, role, existingBranch, List.of());
    }

    /**
     * A finished session's work that a dependent builds on: its branch in {@code source}, its checkout on the same
     * target or, once that was reclaimed, the new checkout itself ({@code .}, the PR's branch as fetched from origin).
     */
    public record BuildOn(String title, String source, String branch) {}

    /**
     * As above; the new branch then takes in each of {@code buildOn}'s branches, fetched from their checkouts (their
     * commits may be on no remote yet), so a dependent starts from its dependencies' work. Its base commit is the
     * base branch's, from before: what it took in is its work too, published with its branch (a worker that only
     * combines others' work can publish it).
     */
    public Checkout prepare(Executor on, WorkRoot root, String repository, String baseBranch, String sessionId,
            SessionRole role, String existingBranch, List<BuildOn> buildOn) throws CheckoutFailed,
            InterruptedException {
        String mirror = root.cache() + "/" + RepositoryLocation.slug(repository) + ".git";
        String dir = root.checkoutOf(sessionId);
        ReentrantLock lock = mirrorLocks.computeIfAbsent(on.describe() + "|" + mirror, k -> new ReentrantLock());
        lock.lockInterruptibly();
        try {
            // no mkdir of the cache folder first: git clone creates the folders it needs (a round trip less)
            if (run(on, Command.of("test", "-d", mirror)).ok()) {
                // The checkout fetches origin itself, so the mirror only needs to stay roughly current: refreshing
                // it on every checkout would cost a second round trip to origin each time.
                Instant last = refreshed.get(on.describe() + "|" + mirror);
                if (last == null || last.isBefore(Instant.now().minus(MIRROR_REFRESH))) {
                    run(on, git("-C", mirror, "fetch", "--prune", "--quiet", "origin")); // best effort
                    refreshed.put(on.describe() + "|" + mirror, Instant.now());
                }
            } else {
                step(on, "mirror " + repository, git("clone", "--mirror", "--quiet", "--", repository, mirror)
                        .withTimeout(CLONE_TIMEOUT));
                refreshed.put(on.describe() + "|" + mirror, Instant.now());
            }
        } finally {
            lock.unlock();
        }
        if (run(on, Command.of("test", "-e", dir)).ok()) {
            root.refuseDeletion(dir, sessionId).ifPresent(why -> {
                throw new IllegalStateException("refusing to clear " + dir + ": " + why);
            });
            step(on, "clear an earlier attempt", Command.of("rm", "-rf", "--", dir));
        }
        step(on, "clone from the mirror", git("clone", "--quiet", "--no-checkout", "--", mirror, dir)
                .withTimeout(CLONE_TIMEOUT));
        step(on, "point origin at " + repository, git("-C", dir, "remote", "set-url", "origin", repository));
        step(on, "fetch fresh from " + repository, git("-C", dir, "fetch", "--prune", "--quiet", "origin")
                .withTimeout(CLONE_TIMEOUT));
        String start;
        if (existingBranch != null) {
            start = "origin/" + existingBranch;
        } else if (baseBranch == null || baseBranch.isBlank()) {
            step(on, "find the default branch", git("-C", dir, "remote", "set-head", "origin", "--auto"));
            start = step(on, "find the default branch", git("-C", dir, "rev-parse", "--abbrev-ref", "origin/HEAD"))
                    .stdout().strip();
        } else {
            start = "origin/" + baseBranch;
        }
        String branch = existingBranch != null ? existingBranch : branchFor(role, sessionId);
        Result checkout = run(on, git("-C", dir, "checkout", "--quiet", "-B", branch, start));
        if (!checkout.ok()) {
            // why, asked only when it failed (each check is a round trip to the target)
            if (!run(on, git("-C", dir, "rev-parse", "--verify", "--quiet", start + "^{commit}")).ok()) {
                throw new CheckoutFailed(existingBranch != null
                        ? "The branch '" + existingBranch + "' is gone from " + repository + "."
                        : "The base branch '" + baseBranch + "' does not exist in " + repository + ": there is no "
                                + start + ".");
            }
            throw new CheckoutFailed("Could not create branch " + branch + " on " + on.describe() + ": "
                    + checkout.firstErrorLine());
        }
        String sha = step(on, "read the base commit", git("-C", dir, "rev-parse", "HEAD")).stdout().strip();
        for (BuildOn dep : buildOn) {
            step(on, "fetch the work of " + dep.title(), git("-C", dir, "fetch", "--quiet", "--", dep.source(),
                    dep.branch()).withTimeout(CLONE_TIMEOUT));
            Result merged = run(on, git("-C", dir, "-c", "user.name=Bosun", "-c", "user.email=bosun@localhost",
                    "merge", "--quiet", "--no-edit", "-m", "Build on " + dep.title(), "FETCH_HEAD"));
            if (!merged.ok()) {
                run(on, git("-C", dir, "merge", "--abort"));
                // git says which files conflict on stdout ("CONFLICT (content): Merge conflict in a.txt")
                String conflicts = merged.stdout().lines().filter(l -> l.startsWith("CONFLICT"))
                        .collect(java.util.stream.Collectors.joining("; "));
                throw new CheckoutFailed("Cannot build on the work of " + dep.title() + ": it does not merge with "
                        + "the rest (" + (conflicts.isEmpty() ? merged.firstErrorLine() : conflicts) + "). Have one "
                        + "worker combine them first.");
            }
        }
        if (role != SessionRole.MANAGER && run(on, Command.of("test", "-f", dir + "/.gitmodules")).ok()) {
            step(on, "update submodules", git("-C", dir, "submodule", "update", "--init", "--recursive", "--quiet")
                    .withTimeout(CLONE_TIMEOUT));
        }
        return new Checkout(dir, branch, start, sha);
    }

    /** {@code bosun/<role>-<last 8 characters of the session id>}, e.g. {@code bosun/worker-k3v9x2qa}. */
    public static String branchFor(SessionRole role, String sessionId) {
        return "bosun/" + WireNames.of(role).replace('_', '-') + "-" + sessionId.substring(sessionId.length() - 8);
    }

    private Command git(String... args) {
        List<String> argv = new ArrayList<>(List.of("git"));
        argv.addAll(List.of(args));
        return new Command(argv, null, gitEnv, null, STEP_TIMEOUT);
    }

    private static Result run(Executor on, Command c) throws CheckoutFailed, InterruptedException {
        try {
            return on.run(c);
        } catch (IOException e) {
            throw new CheckoutFailed("Cannot run " + c.argv().get(0) + " on " + on.describe() + ": " + e.getMessage());
        }
    }

    private static Result step(Executor on, String what, Command c) throws CheckoutFailed, InterruptedException {
        Result r = run(on, c);
        if (!r.ok()) {
            throw new CheckoutFailed("Could not " + what + " on " + on.describe() + ": "
                    + (r.timedOut() ? "timed out after " + c.timeout().toSeconds() + " s" : r.firstErrorLine()));
        }
        return r;
    }
}
