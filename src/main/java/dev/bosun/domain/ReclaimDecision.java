package dev.bosun.domain;

/** What the GC does with one checkout, and why (the reason is recorded and shown). */
public sealed interface ReclaimDecision {
    String reason();

    /** {@code rm -rf} it on its target, then archive the row. */
    record Reclaim(String reason) implements ReclaimDecision {}

    /** Archive the row without touching any disk (its target is gone, or so is the folder). */
    record ArchiveOnly(String reason) implements ReclaimDecision {}

    record Keep(String reason) implements ReclaimDecision {}
}
