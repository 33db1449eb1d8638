package dev.bosun.domain;

/**
 * Something a forge reported on a pull request that a follow-up worker must address: a failing check or a review
 * comment, with its actual text. {@code key} tells one item from another across refreshes (a check by its name and
 * the head commit it ran on, a comment by its id), so each is handed to a follow-up once.
 */
public record PrFeedback(String key, String kind, String text) {
    public static final String CHECK = "check";
    public static final String COMMENT = "comment";
}
