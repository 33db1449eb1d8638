package dev.bosun.domain;

/** A checkout's lifecycle. {@code dirty} means it holds changes that exist nowhere else; only GC archives. */
public enum WorkspaceStatus implements Status {
    PREPARING, READY, DIRTY, FAILED, ARCHIVED;

    @Override
    public boolean terminal() {
        return this == ARCHIVED;
    }
}
