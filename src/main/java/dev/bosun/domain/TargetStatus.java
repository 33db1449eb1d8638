package dev.bosun.domain;

import java.util.EnumSet;
import java.util.Set;

/** {@code draining} takes no new sessions but lets running ones finish; {@code removed} is final. */
public enum TargetStatus implements Status {
    ONLINE, OFFLINE, DRAINING, DISABLED, REMOVED;

    public static final Set<TargetStatus> TERMINAL = Statuses.frozen(EnumSet.of(REMOVED));
    /** The doctor sets a target in these online or offline by what it finds; the operator's drain or disable stays. */
    public static final Set<TargetStatus> DOCTOR_DECIDES = Statuses.frozen(EnumSet.of(ONLINE, OFFLINE));
    /** A manager may ask for a target in these for a worker (it waits if the target is not online yet). */
    public static final Set<TargetStatus> ASSIGNABLE = Statuses.frozen(EnumSet.of(ONLINE, OFFLINE, DRAINING));
    /** The operator may drain a target from these. */
    public static final Set<TargetStatus> DRAINABLE = Statuses.frozen(EnumSet.of(ONLINE));
    /** The operator may enable a target from these (an offline one comes back when its doctor passes). */
    public static final Set<TargetStatus> ENABLEABLE = Statuses.frozen(EnumSet.of(DRAINING, DISABLED));
    /** The operator may disable a target from these. */
    public static final Set<TargetStatus> DISABLEABLE = Statuses.frozen(EnumSet.of(ONLINE, OFFLINE, DRAINING));

    @Override
    public boolean terminal() {
        return TERMINAL.contains(this);
    }

    /** What the operator may set a target in this status to: {@code online}, {@code draining} or {@code disabled}. */
    public boolean operatorMayMoveTo(TargetStatus to) {
        return switch (to) {
            case ONLINE -> ENABLEABLE.contains(this);
            case DRAINING -> DRAINABLE.contains(this);
            case DISABLED -> DISABLEABLE.contains(this);
            case OFFLINE, REMOVED -> false;
        };
    }
}
