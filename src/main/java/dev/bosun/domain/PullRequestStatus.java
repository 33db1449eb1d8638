package dev.bosun.domain;

/** A closed PR can be reopened on every forge we target, so only {@code merged} is final. */
public enum PullRequestStatus implements Status {
    DRAFT, OPEN, CLOSED, MERGED;

    @Override
    public boolean terminal() {
        return this == MERGED;
    }
}
