package dev.bosun.forge;

import dev.bosun.domain.MergeMethod;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.PullRequestChanges;

/**
 * What serves pull requests for a repository: opens one for a branch Bosun pushed, edits it, reads its state, merges
 * and comments. The pushes themselves run on the target that holds the checkout ({@link BranchPublisher}); a forge
 * only talks to the repository's host, on an io thread, never inside a transaction.
 */
public interface Forge {
    /** The wire name stored with each PR, so a PR stays with the forge that opened it. */
    String kind();

    /** A PR was opened: its number (null when the store numbers it, as for the local forge) and web address. */
    record Opened(Integer number, String url) {}

    Opened publish(String repository, String branch, String base, String title, String body)
            throws ForgeException, InterruptedException;

    /** Changes the title and/or description on the forge; null leaves one as it is. */
    void update(PullRequest pr, String title, String body) throws ForgeException, InterruptedException;

    PrState refresh(PullRequest pr) throws ForgeException, InterruptedException;

    /**
     * Merges into the base by {@code method}, only if its head is still {@code pr.headSha()}; returns the commit the
     * base is at after it. A conflict is refused with what conflicts, a method the forge lacks with what it has.
     */
    String merge(PullRequest pr, String message, MergeMethod method) throws ForgeException, InterruptedException;

    void comment(PullRequest pr, String body) throws ForgeException, InterruptedException;

    /** The largest file the review pane is given; a bigger one is refused with its size. */
    int MAX_FILE_BYTES = 4 * 1024 * 1024;

    /** What the PR changes, from where its branch left the base (the merge base) to its head, as forges show it. */
    PullRequestChanges changes(PullRequest pr) throws ForgeException, InterruptedException;

    /** A file's text (UTF-8) at a commit of the PR's repository; empty when the commit has no such file. */
    java.util.Optional<String> file(PullRequest pr, String commit, String path)
            throws ForgeException, InterruptedException;
}
