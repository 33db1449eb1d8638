package dev.bosun.domain;

/** {@code draining} takes no new sessions but lets running ones finish; {@code removed} is final. */
public enum TargetStatus implements Status {
    ONLINE, OFFLINE, DRAINING, DISABLED, REMOVED;

    @Override
    public boolean terminal() {
        return this == REMOVED;
    }
}
