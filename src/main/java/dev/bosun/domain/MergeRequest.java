package dev.bosun.domain;

/**
 * The operator's decision to merge, as they saw the PR: {@code expectedHead} the head commit they looked at (null: as
 * it is now), {@code method}, and {@code despiteFailingChecks}, the explicit second step a PR with failing checks
 * needs.
 */
public record MergeRequest(String expectedHead, MergeMethod method, boolean despiteFailingChecks) {
    public MergeRequest {
        method = method == null ? MergeMethod.MERGE : method;
    }

    /** A merge commit of the PR as it is now, refused if its checks fail. */
    public static final MergeRequest PLAIN = new MergeRequest(null, MergeMethod.MERGE, false);
}
