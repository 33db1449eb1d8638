package dev.bosun.domain;

import java.util.Optional;

/**
 * Characters that make text show other than it is (a title that reads "fix.txt" but is "txt.xif", hidden words),
 * refused in anything an agent or the operator names or writes: C0 and C1 control characters (a line break and a
 * tab only where text may have lines), bidi overrides, embeddings, isolates and marks, and zero-width characters.
 */
public final class UnsafeText {
    private UnsafeText() {}

    /**
     * What is wrong with {@code text}, if anything: the first such character, by code point, name and its position
     * (counted from 1), e.g. {@code U+202E (a right-to-left override) at character 5}.
     */
    public static Optional<String> find(String text, boolean multiline) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String what = kind(c, multiline);
            if (what != null) {
                return Optional.of(String.format("U+%04X (%s) at character %d", (int) c, what, i + 1));
            }
        }
        return Optional.empty();
    }

    /**
     * {@code text} with every character {@link #find} would refuse (line breaks and tabs kept) shown as U+FFFD: for
     * what an agent wrote that reaches the operator's eyes or another agent's task.
     */
    public static String visible(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            if (kind(text.charAt(i), true) != null) {
                if (sb == null) {
                    sb = new StringBuilder(text);
                }
                sb.setCharAt(i, '\uFFFD');
            }
        }
        return sb == null ? text : sb.toString();
    }

    private static String kind(char c, boolean multiline) {
        if (c == '\n' || c == '\t' || c == '\r') {
            return multiline ? null : "a line break or tab";
        }
        if (c < 0x20 || c == 0x7F) {
            return "a control character";
        }
        if (c >= 0x80 && c <= 0x9F) {
            return "a C1 control character";
        }
        return switch (c) {
            case '\u202E' -> "a right-to-left override";
            case '\u202D' -> "a left-to-right override";
            case '\u202A', '\u202B', '\u202C' -> "a bidi embedding";
            case '\u2066', '\u2067', '\u2068', '\u2069' -> "a bidi isolate";
            case '\u200E', '\u200F', '\u061C' -> "a bidi mark";
            case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF' -> "a zero-width character";
            default -> null;
        };
    }
}
