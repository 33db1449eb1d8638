package dev.bosun.domain;

import java.time.Instant;

/** One entry of a session's transcript; {@code seq} is monotonic per session, starting at 1. */
public record TranscriptEntry(
        String sessionId,
        long seq,
        Instant at,
        TranscriptSource source,
        TranscriptKind kind,
        String content) {}
