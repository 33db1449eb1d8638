package dev.bosun.domain;

/**
 * The operator's review of a pull request: on one line of a changed file ({@code path}, the line's number on the side
 * it was read on and its text, so the worker finds it even after the line moved), or on the whole PR ({@code path}
 * null). It becomes feedback a follow-up worker addresses on the PR's branch, as a forge's review comment does.
 */
public record ReviewComment(String path, Integer line, boolean onBase, String lineText, String body) {
    public static ReviewComment onPullRequest(String body) {
        return new ReviewComment(null, null, false, "", body);
    }

    /** The text the follow-up worker is handed. */
    public String feedbackText() {
        if (path == null) {
            return "The operator's review: " + body;
        }
        // the path and the line come from the branch's files, which an agent wrote
        return "The operator's review comment on " + UnsafeText.visible(path) + (line == null ? "" : ", line " + line
                + (onBase ? " of the base version (a line the branch removed or changed)" : ""))
                + (lineText == null || lineText.isBlank() ? "" : ", at `" + UnsafeText.visible(lineText.strip()) + "`")
                + ": " + body;
    }
}
