package dev.bosun.domain;

import java.util.List;

/**
 * Something on a pull request that a follow-up worker must address: a failing check or a review comment, with its
 * actual text, or a conflict with its base. {@code key} tells one item from another across refreshes (a check by its
 * name and the head commit it ran on, a comment by its id, a conflict by the head that conflicts), so each is handed
 * to a follow-up once.
 */
public record PrFeedback(String key, String kind, String text) {
    public static final String CHECK = "check";
    public static final String COMMENT = "comment";
    public static final String CONFLICT = "conflict";

    /** An item as Bosun holds it: when it came, and the follow-up it was handed to (null: not yet). */
    public record Recorded(PrFeedback item, java.time.Instant at, String handledBy) {}

    /** The PR's head no longer merges into its base (often: another PR of the objective was merged first). */
    public static PrFeedback conflict(String headSha, String base, List<String> files) {
        return new PrFeedback("conflict@" + headSha, CONFLICT, "The branch conflicts with " + base
                + (files.isEmpty() ? "" : " in: " + String.join(", ", files)) + ". Merge origin/" + base
                + " into the branch (git fetch origin, then git merge origin/" + base + "), resolve the conflicts "
                + "keeping both sides' intent, run the tests, and commit the merge.");
    }
}
