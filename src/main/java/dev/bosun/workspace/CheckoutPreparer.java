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
import java.util.function.Consumer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes {@code <WorkRoot>/<sessionID>} a fresh checkout of a repository, on any target, through its executor. A bare
 * mirror per repository ({@code <WorkRoot>/.bosun-cache/<slug>.git}) makes it fast: the checkout is a local clone of
 * the mirror (a repository that is a folder on the target is cloned from directly, the same way). It is still fresh:
 * origin is the real repository, fetched before the branch is made (unless the mirror was made or fetched from origin
 * just before), so a commit pushed a second ago is there. The base commit
 * is recorded.
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
        return prepare(on, root, repository, baseBranch, sessionId, role, existingBranch, buildOn, line -> { });
    }

    /** As above; git's progress of the clone and the fetches goes to {@code progress}, about once a second. */
    public Checkout prepare(Executor on, WorkRoot root, String repository, String baseBranch, String sessionId,
            SessionRole role, String existingBranch, List<BuildOn> buildOn, Consumer<String> progress)
            throws CheckoutFailed, InterruptedException {
        // A repository that is a folder on the target is cloned from directly: git hard-links its objects, which is
        // what a mirror would give, and then nothing needs fetching (the bench: a mirror made it 0.86x as fast)
        boolean direct = !RepositoryLocation.isUrl(repository) && repository.strip().startsWith("/");
        String mirror = direct ? repository : root.cache() + "/" + RepositoryLocation.slug(repository) + ".git";
        String dir = root.checkoutOf(sessionId);
        String key = on.describe() + "|" + mirror;
        // The checkout fetches origin itself, so the mirror only needs to stay roughly current: refreshing it on
        // every checkout would cost a second fetch from origin each time. Between refreshes it is not even looked at
        // (a round trip saved per checkout); one that went missing meanwhile is made again below.
        boolean fresh = direct;
        boolean looked = direct;
        if (!direct && due(key)) {
            ReentrantLock lock = mirrorLocks.computeIfAbsent(key, k -> new ReentrantLock());
            lock.lockInterruptibly();
            try {
                if (due(key)) { // not if a checkout beside this one refreshed it while this one waited
                    looked = true;
                    Result made = run(on, script(MIRROR, "bosun-mirror", mirror, repository),
                            new GitProgress("mirror", progress));
                    if (!made.ok()) {
                        throw new CheckoutFailed("Could not mirror " + repository + " on " + on.describe() + ": "
                                + why(made));
                    }
                    fresh = made.stdout().contains("made") || made.stdout().contains("fetched");
                    refreshed.put(key, Instant.now());
                }
            } finally {
                lock.unlock();
            }
        }
        String branch = existingBranch != null ? existingBranch : branchFor(role, sessionId);
        String refusal = root.refuseDeletion(dir, sessionId).orElse(null);
        Result made = run(on, script(CHECKOUT, "bosun-checkout", dir, mirror, repository,
                existingBranch != null ? existingBranch : baseBranch == null ? "" : baseBranch.strip(), branch,
                role != SessionRole.MANAGER && buildOn.isEmpty() ? "yes" : "no", refusal == null ? "yes" : "no",
                fresh ? "yes" : "no"), new GitProgress("checkout", progress));
        if (!made.ok() && !looked && stepOf(made).equals("clone")) { // the mirror went missing since it was seen
            refreshed.remove(key);
            return prepare(on, root, repository, baseBranch, sessionId, role, existingBranch, buildOn, progress);
        }
        if (!made.ok()) {
            throw checkoutFailed(made, on, repository, dir, refusal, existingBranch, baseBranch, branch, direct);
        }
        String start = "origin/" + said(made, "bosun-start ");
        String sha = said(made, "bosun-head ");
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
        if (role != SessionRole.MANAGER && !buildOn.isEmpty()
                && run(on, Command.of("test", "-f", dir + "/.gitmodules")).ok()) { // what it took in may add some
            step(on, "update submodules", git("-C", dir, "submodule", "update", "--init", "--recursive", "--quiet")
                    .withTimeout(CLONE_TIMEOUT));
        }
        return new Checkout(dir, branch, start, sha);
    }

    /** {@code bosun/<role>-<last 8 characters of the session id>}, e.g. {@code bosun/worker-k3v9x2qa}. */
    public static String branchFor(SessionRole role, String sessionId) {
        return "bosun/" + WireNames.of(role).replace('_', '-') + "-" + sessionId.substring(sessionId.length() - 8);
    }

    /**
     * The mirror, made or refreshed in one round trip: {@code $1} mirror, {@code $2} repository. The fetch is best
     * effort (the checkout then fetches origin itself). Says "made" when it made it, "fetched" when it fetched.
     */
    private static final String MIRROR = """
            if [ -d "$1" ]; then
              git -C "$1" fetch --prune --quiet --progress origin && echo fetched || :
            else
              git clone --mirror --quiet --progress -- "$2" "$1" && echo made
            fi
            """;

    /**
     * The checkout, in one round trip to the target: {@code $1} folder, {@code $2} mirror, {@code $3} repository,
     * {@code $4} the branch to start from (blank: origin's default), {@code $5} the branch to make, {@code $6} whether
     * to update submodules, {@code $7} whether an earlier attempt may be cleared, {@code $8} whether the mirror is as
     * fresh as a fetch would make it (it was made or fetched from origin just before: a second fetch from origin would
     * only cost a round trip and its processes). The clone reads the mirror through a rewrite of the repository's
     * address for that one command, so origin is the real repository from the start (a path with "=" cannot be put
     * in such a rewrite and takes the long way); the new branch's commit is read from its ref file when git wrote
     * one. Each step names itself on stderr
     * first, so a failure says which step failed; the start branch and the base commit come back on stdout. A
     * checkout lives for one session: git's housekeeping after a fetch would only cost it a process.
     */
    private static final String CHECKOUT = """
            step() { printf 'bosun-step %s\n' "$1" >&2; }
            if [ -e "$1" ]; then
              if [ "$7" != yes ]; then step refused; exit 1; fi
              step clear; rm -rf -- "$1" || exit 1
            fi
            step clone
            case $2 in
              "$3") git clone --quiet --no-checkout -- "$3" "$1" || exit 1;;
              *=*) git clone --quiet --no-checkout -- "$2" "$1" && git -C "$1" remote set-url origin "$3" || exit 1;;
              *) git -c "url.$2.insteadOf=$3" clone --quiet --no-checkout -- "$3" "$1" || exit 1;;
            esac
            cd "$1" || exit 1
            if [ "$8" != yes ]; then
              step fetch; git -c maintenance.auto=false fetch --prune --quiet --progress origin || exit 1
            fi
            start=$4
            if [ -z "$start" ]; then
              step default; git remote set-head origin --auto >/dev/null || exit 1
              start=$(git rev-parse --abbrev-ref origin/HEAD) || exit 1; start=${start#origin/}
            fi
            step branch
            if ! git checkout --quiet -B "$5" "origin/$start"; then
              git rev-parse --verify --quiet "origin/$start^{commit}" >/dev/null || step missing
              exit 1
            fi
            printf 'bosun-start %s\n' "$start"
            head=; read -r head 2>/dev/null < ".git/refs/heads/$5"
            case $head in *[!0-9a-f]*|'') head=$(git rev-parse HEAD) || exit 1;; esac
            printf 'bosun-head %s\n' "$head"
            if [ "$6" = yes ] && [ -f .gitmodules ]; then
              step submodules; git submodule update --init --recursive --quiet || exit 1
            fi
            """;

    private Command script(String text, String name, String... args) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", text, name));
        argv.addAll(List.of(args));
        return new Command(argv, null, gitEnv, null, CLONE_TIMEOUT);
    }

    /** The step a script failed in (its last "bosun-step" line), or null when it never began one (ssh failed). */
    private static String failedStep(Result r) {
        return r.stderr().lines().filter(l -> l.startsWith("bosun-step ")).reduce((a, b) -> b)
                .map(l -> l.substring("bosun-step ".length()).strip()).orElse(null);
    }

    /** What went wrong, in git's (or ssh's) own first words after the last step line. */
    private boolean due(String key) {
        Instant last = refreshed.get(key);
        return last == null || last.isBefore(Instant.now().minus(MIRROR_REFRESH));
    }

    /** The step a checkout script failed in (its last "bosun-step" line), "" when none. */
    private static String stepOf(Result r) {
        return r.stderr().lines().filter(l -> l.startsWith("bosun-step ")).reduce((a, b) -> b)
                .map(l -> l.substring("bosun-step ".length()).strip()).orElse("");
    }

    private static String why(Result r) {
        if (r.timedOut()) {
            return "timed out after " + CLONE_TIMEOUT.toMinutes() + " min";
        }
        List<String> lines = r.stderr().lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !GitProgress.isProgress(l)).toList();
        int after = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("bosun-step ")) {
                after = i + 1;
            }
        }
        return after < lines.size() ? lines.get(after) : "exit " + r.exitCode();
    }

    private static String said(Result r, String prefix) throws CheckoutFailed {
        return r.stdout().lines().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> l.substring(prefix.length()).strip())
                .orElseThrow(() -> new CheckoutFailed("The checkout script said no " + prefix.strip()));
    }

    private static CheckoutFailed checkoutFailed(Result r, Executor on, String repository, String dir,
            String refusal, String existingBranch, String baseBranch, String branch, boolean direct) {
        String step = failedStep(r);
        if (r.timedOut() || step == null) {
            return new CheckoutFailed("Could not prepare the checkout on " + on.describe() + ": " + why(r));
        }
        return switch (step) {
            case "refused" -> throw new IllegalStateException("refusing to clear " + dir + ": " + refusal);
            case "missing" -> new CheckoutFailed(existingBranch != null
                    ? "The branch '" + existingBranch + "' is gone from " + repository + "."
                    : "The base branch '" + baseBranch + "' does not exist in " + repository + ": there is no origin/"
                            + baseBranch + ".");
            default -> new CheckoutFailed("Could not " + switch (step) {
                case "clear" -> "clear an earlier attempt";
                case "clone" -> direct ? "clone " + repository : "clone from the mirror";
                case "fetch" -> "fetch fresh from " + repository;
                case "default" -> "find the default branch";
                case "branch" -> "create branch " + branch;
                case "submodules" -> "update submodules";
                default -> step;
            } + " on " + on.describe() + ": " + why(r));
        };
    }

    private Command git(String... args) {
        List<String> argv = new ArrayList<>(List.of("git"));
        argv.addAll(List.of(args));
        return new Command(argv, null, gitEnv, null, STEP_TIMEOUT);
    }

    private static Result run(Executor on, Command c) throws CheckoutFailed, InterruptedException {
        return run(on, c, line -> { });
    }

    private static Result run(Executor on, Command c, Consumer<String> stderrLines) throws CheckoutFailed,
            InterruptedException {
        try {
            return on.run(c, stderrLines);
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
