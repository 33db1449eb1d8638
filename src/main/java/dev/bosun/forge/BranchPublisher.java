package dev.bosun.forge;

import dev.bosun.exec.CheckoutGit;
import dev.bosun.exec.Command;
import dev.bosun.exec.Executor;
import dev.bosun.exec.Result;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pushes a worker's branch from its checkout to the objective's origin, on the target that holds the checkout. Work
 * the worker left uncommitted is committed first (nothing it did is lost); a branch with no commits on top of its base
 * is refused. A new branch is pushed without force; an update of a PR's branch forces only when asked, and then only
 * with {@code --force-with-lease} on the head the caller expects, so nobody's newer commits are overwritten unseen.
 * It pushes to the objective's repository by its address, never to the checkout's {@code origin}: the agent could
 * have pointed that elsewhere.
 */
public final class BranchPublisher {
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);

    /**
     * Runs its arguments (a git push or fetch) with one credential: a credential-cache of its own, on a socket in a
     * private folder, is given the credential on stdin ({@code git credential approve}) and is the only helper the
     * command asks; the cache is told to exit and the folder removed when it ends.
     */
    private static final String WITH_CREDENTIAL = """
            d=$(mktemp -d) || exit 1
            trap 'git credential-cache --socket "$d/socket" exit >/dev/null 2>&1; rm -rf "$d"' EXIT
            export GIT_CONFIG_COUNT=2 GIT_CONFIG_KEY_0=credential.helper GIT_CONFIG_VALUE_0= \
              GIT_CONFIG_KEY_1=credential.helper GIT_CONFIG_VALUE_1="cache --socket '$d/socket' --timeout 900" \
              GIT_TERMINAL_PROMPT=0
            git credential approve || exit 1
            "$@" </dev/null
            """;

    private final Map<String, String> gitEnv;
    private final Function<String, Optional<GitCredential>> credentials;

    public BranchPublisher(Map<String, String> gitEnv) {
        this(gitEnv, repository -> Optional.empty());
    }

    /** @param credentials what a push to a repository authenticates with, where Bosun holds it ({@link Forges}) */
    public BranchPublisher(Map<String, String> gitEnv, Function<String, Optional<GitCredential>> credentials) {
        Map<String, String> env = CheckoutGit.scrubbed(gitEnv);
        env.put("GIT_TERMINAL_PROMPT", "0"); // no one answers a prompt: a missing credential fails, never hangs
        this.gitEnv = Map.copyOf(env);
        this.credentials = credentials;
    }

    /** What was pushed: the head commit and how many commits the branch has on top of its base. */
    public record Pushed(String headSha, int commits) {}

    /** Blocking (io threads). */
    public Pushed push(Executor on, String checkout, String repository, String branch, String baseSha,
            String commitMessage) throws PublishFailed, InterruptedException {
        cleanConfig(on, checkout);
        commitLeftovers(on, checkout, commitMessage);
        int commits = Integer.parseInt(git(on, "count the branch's commits", checkout, "rev-list", "--count",
                baseSha + "..HEAD").strip());
        if (commits == 0) {
            throw new PublishFailed("The worker's branch has no commits on top of its base, so there is nothing to "
                    + "publish. Ask the worker (message_worker) to commit its work, or spawn a new worker.");
        }
        check(on, "push " + branch + " to " + repository, remote(on, checkout, repository, "push", "--quiet",
                "--no-verify", repository, "HEAD:refs/heads/" + branch));
        return new Pushed(git(on, "read the head commit", checkout, "rev-parse", "HEAD").strip(), commits);
    }

    /**
     * Pushes a checkout's new commits to an open PR's branch. Without {@code force} only a fast-forward is pushed;
     * with it the branch is replaced, but only if it is still at {@code expectedHead}.
     */
    public Pushed pushUpdate(Executor on, String checkout, String repository, String branch, String expectedHead,
            boolean force, String commitMessage) throws PublishFailed, InterruptedException {
        cleanConfig(on, checkout);
        commitLeftovers(on, checkout, commitMessage);
        check(on, "fetch " + branch, remote(on, checkout, repository, "fetch", "--quiet", repository,
                "+refs/heads/" + branch + ":refs/remotes/origin/" + branch));
        int ahead = Integer.parseInt(git(on, "count the new commits", checkout, "rev-list", "--count",
                "refs/remotes/origin/" + branch + "..HEAD").strip());
        if (ahead == 0) {
            throw new PublishFailed("The checkout has no commits that " + branch + " lacks: nothing to push.");
        }
        List<String> push = new ArrayList<>(List.of("push", "--quiet", "--no-verify"));
        if (force) {
            push.add("--force-with-lease=refs/heads/" + branch + ":" + expectedHead);
        }
        push.addAll(List.of(repository, "HEAD:refs/heads/" + branch));
        Result r = remote(on, checkout, repository, push.toArray(String[]::new));
        if (r.exitCode() != 0 || r.timedOut()) {
            String err = r.timedOut() ? "timed out" : r.stderr().strip();
            throw new PublishFailed(force ? (err.contains("stale info") ? branch + " moved since Bosun last saw it "
                    + "at " + expectedHead + "; refusing to overwrite commits nobody has reviewed. Refresh and look "
                    + "again." : "Could not force-push " + branch + ": " + err)
                    : err.contains("rejected") || err.contains("non-fast-forward") ? branch + " has commits this "
                    + "checkout lacks, so a push would have to replace them. Rebase the work onto the branch; or, if "
                    + "they are Bosun's own earlier push that the worker rewrote, give force_reason (pushed with "
                    + "--force-with-lease)."
                    : "Could not push " + branch + ": " + err);
        }
        String head = git(on, "read the head commit", checkout, "rev-parse", "HEAD").strip();
        return new Pushed(head, ahead);
    }

    private void commitLeftovers(Executor on, String checkout, String message)
            throws PublishFailed, InterruptedException {
        if (!git(on, "look for uncommitted work", checkout, "status", "--porcelain",
                "--ignore-submodules=all").isBlank()) {
            git(on, "stage the uncommitted work", checkout, "add", "--all");
            git(on, "commit the uncommitted work", checkout, "commit", "--quiet", "--no-verify", "-m", message);
        }
    }

    private String git(Executor on, String step, String checkout, String... args)
            throws PublishFailed, InterruptedException {
        return check(on, step, run(on, checkout, args));
    }

    private static String check(Executor on, String step, Result r) throws PublishFailed {
        if (r.exitCode() != 0 || r.timedOut()) {
            String why = r.timedOut() ? "timed out" : r.stderr().strip();
            throw new PublishFailed("Could not " + step + " on " + on.describe() + ": " + why);
        }
        return r.stdout();
    }

    /** The agent wrote this checkout's config: nothing it names may run as Bosun (see {@link CheckoutGit}). */
    private void cleanConfig(Executor on, String checkout) throws PublishFailed, InterruptedException {
        Result r;
        try {
            r = on.run(CheckoutGit.cleanConfig(checkout, gitEnv, STEP_TIMEOUT));
        } catch (IOException e) {
            throw new PublishFailed("Could not run git on " + on.describe() + ": " + e.getMessage());
        }
        if (!r.ok()) {
            throw new PublishFailed("Could not check the checkout's git config on " + on.describe() + ": "
                    + (r.timedOut() ? "timed out" : r.stderr().strip()));
        }
    }

    /** Git that talks to {@code repository}: with Bosun's credential for it, if it holds one. */
    private Result remote(Executor on, String checkout, String repository, String... args)
            throws PublishFailed, InterruptedException {
        Optional<GitCredential> credential = credentials.apply(repository);
        if (credential.isEmpty()) {
            return run(on, checkout, args);
        }
        List<String> argv = new ArrayList<>(List.of("sh", "-c", WITH_CREDENTIAL, "bosun-git"));
        argv.addAll(CheckoutGit.argv(checkout, args));
        try {
            return on.run(new Command(argv, null, gitEnv, credential.get().asInput(), STEP_TIMEOUT));
        } catch (IOException e) {
            throw new PublishFailed("Could not run git on " + on.describe() + ": " + e.getMessage());
        }
    }

    private Result run(Executor on, String checkout, String... args) throws PublishFailed, InterruptedException {
        try {
            return on.run(new Command(CheckoutGit.argv(checkout, args), null, gitEnv, null, STEP_TIMEOUT));
        } catch (IOException e) {
            throw new PublishFailed("Could not run git on " + on.describe() + ": " + e.getMessage());
        }
    }
}
