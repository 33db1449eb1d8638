package dev.bosun.domain;

public enum ObjectiveStatus implements Status {
    ACTIVE, WAITING_USER, SUCCEEDED, FAILED, CANCELED;

    @Override
    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }
}
