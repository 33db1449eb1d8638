package dev.bosun.domain;

public enum WorkspaceKind {
    ISOLATED, SHARED, PR_BRANCH
}
