package dev.bosun.domain;

/**
 * One file a pull request changes, as its forge lists it: where it is now ({@code path}; for a deleted file, where it
 * was), where it was before a rename, and how many lines it adds and removes (both 0 for a binary file).
 */
public record ChangedFile(String path, String previousPath, Change change, int added, int removed, boolean binary) {
    public enum Change { ADDED, MODIFIED, DELETED, RENAMED }

    public ChangedFile {
        previousPath = previousPath == null || previousPath.isBlank() ? path : previousPath;
    }

    /** Whether the file exists on the base side (so its old text can be read there). */
    public boolean onBase() {
        return change != Change.ADDED;
    }

    /** Whether the file exists at the head. */
    public boolean atHead() {
        return change != Change.DELETED;
    }
}
