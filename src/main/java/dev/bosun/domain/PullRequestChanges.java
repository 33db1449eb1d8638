package dev.bosun.domain;

import java.util.List;

/**
 * What a pull request changes: the files, compared from where its branch left the base ({@code baseCommit}, the merge
 * base, as forges show a PR) to its head.
 */
public record PullRequestChanges(String baseCommit, String headCommit, List<ChangedFile> files) {
    public PullRequestChanges {
        files = List.copyOf(files);
    }

    public int added() {
        return files.stream().mapToInt(ChangedFile::added).sum();
    }

    public int removed() {
        return files.stream().mapToInt(ChangedFile::removed).sum();
    }
}
