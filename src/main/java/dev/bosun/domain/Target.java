package dev.bosun.domain;

import java.time.Instant;

/** A machine that runs workers: this one ({@code local}) or an SSH host. {@code identityFile} may be blank. */
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
        Instant lastSeenAt) {}
