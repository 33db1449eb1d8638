package dev.bosun.domain;

import java.time.Duration;

/**
 * The supervisor's knobs. {@code respawnBudget} counts managers that really ran (the first one included);
 * {@code attemptCeiling} bounds all manager attempts, including those that died before running; {@code maxPokes}
 * pokes without progress make the supervisor ask the operator instead of poking again.
 */
public record SupervisorSettings(Duration idleAfter, Duration cooldown, int respawnBudget, int attemptCeiling,
        int maxPokes) {
    public static final SupervisorSettings DEFAULTS =
            new SupervisorSettings(Duration.ofSeconds(90), Duration.ofSeconds(90), 4, 16, 3);

    public SupervisorSettings {
        if (idleAfter.isNegative() || cooldown.isNegative() || respawnBudget < 1 || attemptCeiling < respawnBudget
                || maxPokes < 1) {
            throw new IllegalArgumentException("invalid supervisor settings");
        }
    }

    /** With the default of 3 pokes without progress. */
    public SupervisorSettings(Duration idleAfter, Duration cooldown, int respawnBudget, int attemptCeiling) {
        this(idleAfter, cooldown, respawnBudget, attemptCeiling, 3);
    }
}
