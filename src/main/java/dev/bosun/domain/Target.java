package dev.bosun.domain;

import java.time.Instant;

/**
 * A machine that runs workers: this one ({@code local}) or an SSH host. {@code identityFile} may be blank.
 * {@code sandbox}: what isolates its agents, as its doctor found ({@code bubblewrap 0.8.0}); blank for nothing (they
 * run as its user, unsandboxed), null before a doctor answered.
 */
public record Target(
        String id,
        String name,
        TargetKind kind,
        TargetStatus status,
        String host,
        String user,
        int port,
        String identityFile,
        String workRoot,
        int capacity,
        String labels,
        Instant createdAt,
        Instant updatedAt,
        Instant lastSeenAt,
        String sandbox) {}
