package dev.bosun.domain;

import java.util.EnumSet;
import java.util.Set;

public enum ObjectiveStatus implements Status {
    ACTIVE, WAITING_USER, SUCCEEDED, FAILED, CANCELED;

    public static final Set<ObjectiveStatus> TERMINAL = Statuses.frozen(EnumSet.of(SUCCEEDED, FAILED, CANCELED));
    /** Neither finished nor canceled: what the scheduler, supervisor and GC look at. */
    public static final Set<ObjectiveStatus> LIVE = Statuses.frozen(EnumSet.of(ACTIVE, WAITING_USER));

    @Override
    public boolean terminal() {
        return TERMINAL.contains(this);
    }
}
