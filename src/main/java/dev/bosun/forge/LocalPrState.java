package dev.bosun.forge;

import java.util.List;

/**
 * A local pull request as git sees it in the origin: whether its head is already in the base (merged outside Bosun),
 * whether it would merge cleanly (else the conflicting files), how many commits it adds and the size of its diff.
 */
public record LocalPrState(String headSha, boolean merged, boolean conflicting, List<String> conflictFiles,
        int commits, String diffStat) {
    public LocalPrState {
        conflictFiles = List.copyOf(conflictFiles);
    }
}
