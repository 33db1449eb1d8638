package dev.bosun.domain;

import java.time.Duration;

/**
 * The supervisor's knobs. {@code respawnBudget} counts managers that really ran (the first one included);
 * {@code attemptCeiling} bounds all manager attempts, including those that died before running.
 */
public record SupervisorSettings(Duration idleAfter, Duration cooldown, int respawnBudget, int attemptCeiling) {
    public static final SupervisorSettings DEFAULTS =
            new SupervisorSettings(Duration.ofSeconds(90), Duration.ofSeconds(90), 4, 16);

    public SupervisorSettings {
        if (idleAfter.isNegative() || cooldown.isNegative() || respawnBudget < 1 || attemptCeiling < respawnBudget) {
            throw new IllegalArgumentException("invalid supervisor settings");
        }
    }
}
