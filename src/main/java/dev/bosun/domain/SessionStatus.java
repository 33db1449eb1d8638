package dev.bosun.domain;

public enum SessionStatus implements Status {
    QUEUED, WAITING_CAPACITY, STARTING, RUNNING, WAITING_USER, SUCCEEDED, FAILED, CANCELED;

    @Override
    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }
}
