package dev.bosun.domain;

import java.util.Locale;

/** Maps enum constants to and from the lowercase names used in the database, logs and tool calls. */
public final class WireNames {
    private WireNames() {}

    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String wire) {
        if (wire == null) {
            throw new IllegalArgumentException("missing " + type.getSimpleName());
        }
        try {
            return Enum.valueOf(type, wire.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + wire + "'", e);
        }
    }
}
