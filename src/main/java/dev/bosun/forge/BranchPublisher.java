package dev.bosun.forge;

import dev.bosun.exec.Command;
import dev.bosun.exec.Executor;
import dev.bosun.exec.Result;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pushes a worker's branch from its checkout to the objective's origin, on the target that holds the checkout. Work
 * the worker left uncommitted is committed first (nothing it did is lost); a branch with no commits on top of its base
 * is refused; the push never forces.
 */
public final class BranchPublisher {
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);

    private final Map<String, String> gitEnv;

    public BranchPublisher(Map<String, String> gitEnv) {
        this.gitEnv = Map.copyOf(gitEnv);
    }

    /** What was pushed: the head commit and how many commits the branch has on top of its base. */
    public record Pushed(String headSha, int commits) {}

    /** Blocking (io threads). */
    public Pushed push(Executor on, String checkout, String branch, String baseSha, String commitMessage)
            throws PublishFailed, InterruptedException {
        if (!git(on, "look for uncommitted work", checkout, "status", "--porcelain").isBlank()) {
            git(on, "stage the uncommitted work", checkout, "add", "--all");
            git(on, "commit the uncommitted work", checkout, "commit", "--quiet", "--no-verify", "-m", commitMessage);
        }
        int commits = Integer.parseInt(git(on, "count the branch's commits", checkout, "rev-list", "--count",
                baseSha + "..HEAD").strip());
        if (commits == 0) {
            throw new PublishFailed("The worker's branch has no commits on top of its base, so there is nothing to "
                    + "publish. Ask the worker (message_worker) to commit its work, or spawn a new worker.");
        }
        git(on, "push " + branch + " to origin", checkout, "push", "--quiet", "origin",
                "HEAD:refs/heads/" + branch);
        return new Pushed(git(on, "read the head commit", checkout, "rev-parse", "HEAD").strip(), commits);
    }

    private String git(Executor on, String step, String checkout, String... args)
            throws PublishFailed, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("git", "-C", checkout));
        argv.addAll(List.of(args));
        Result r;
        try {
            r = on.run(new Command(argv, null, gitEnv, null, STEP_TIMEOUT));
        } catch (IOException e) {
            throw new PublishFailed("Could not " + step + " on " + on.describe() + ": " + e.getMessage());
        }
        if (r.exitCode() != 0 || r.timedOut()) {
            String why = r.timedOut() ? "timed out" : r.stderr().strip();
            throw new PublishFailed("Could not " + step + " on " + on.describe() + ": " + why);
        }
        return r.stdout();
    }
}
