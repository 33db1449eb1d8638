package dev.bosun.store;

import dev.bosun.domain.WireNames;
import java.time.Instant;

/**
 * The short fields of one row, read from SQLite as one text ({@link #of}) and split here. Each column read through
 * JDBC is a call into SQLite of about 0.6 µs on a 2-core machine, so a pass over thousands of rows spent most of its
 * time in those calls (1,000 rows of 7 columns: 4.7 ms; the same packed: 0.8 ms). Only for ids, wire names and
 * numbers, which never hold the separator; free text (titles, paths, branches) stays in columns of its own.
 */
final class Packed {
    private static final char SEPARATOR = '\u001f';
    private static final String NULL = "\u001e";

    private final String[] fields;

    private Packed(String[] fields) {
        this.fields = fields;
    }

    /** The SQL expression that packs {@code expressions} (each an id, a wire name or a number) into one text. */
    static String of(String... expressions) {
        StringBuilder sb = new StringBuilder();
        for (String e : expressions) {
            if (!sb.isEmpty()) {
                sb.append(" || char(31) || ");
            }
            sb.append("IFNULL(").append(e).append(", char(30))");
        }
        return sb.toString();
    }

    /** Splits the text {@link #of} made into its {@code count} fields. */
    static Packed parse(String text, int count) {
        String[] out = new String[count];
        int from = 0;
        for (int i = 0; i < count; i++) {
            int end = i == count - 1 ? text.length() : text.indexOf(SEPARATOR, from);
            if (end < 0) {
                throw new IllegalStateException("a packed row has " + (i + 1) + " fields, not " + count);
            }
            String field = text.substring(from, end);
            out[i] = field.equals(NULL) ? null : field;
            from = end + 1;
        }
        return new Packed(out);
    }

    String string(int i) {
        return fields[i];
    }

    int integer(int i) {
        return fields[i] == null ? 0 : Integer.parseInt(fields[i]);
    }

    boolean bool(int i) {
        return integer(i) != 0;
    }

    /** A time stored as epoch milliseconds, or null. */
    Instant instant(int i) {
        return fields[i] == null ? null : Instant.ofEpochMilli(Long.parseLong(fields[i]));
    }

    /** An enum by its wire name, or null. */
    <E extends Enum<E>> E enumOf(int i, Class<E> type) {
        return fields[i] == null ? null : WireNames.parse(type, fields[i]);
    }
}
