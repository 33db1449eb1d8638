package dev.bosun.domain;

/** How a pull request goes into its base: a merge commit, its commits squashed into one, or rebased onto the base. */
public enum MergeMethod {
    MERGE, SQUASH, REBASE
}
