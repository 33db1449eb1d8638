package dev.bosun.domain;

import java.util.EnumSet;
import java.util.Set;

/** A checkout's lifecycle. {@code dirty} means it holds changes that exist nowhere else; only GC archives. */
public enum WorkspaceStatus implements Status {
    PREPARING, READY, DIRTY, FAILED, ARCHIVED;

    public static final Set<WorkspaceStatus> TERMINAL = Statuses.frozen(EnumSet.of(ARCHIVED));
    /** A checkout on disk that a session can work in. */
    public static final Set<WorkspaceStatus> ON_DISK = Statuses.frozen(EnumSet.of(READY, DIRTY));

    @Override
    public boolean terminal() {
        return TERMINAL.contains(this);
    }
}
