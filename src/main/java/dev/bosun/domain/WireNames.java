package dev.bosun.domain;

import java.util.Locale;

/** Maps enum constants to and from the lowercase names used in the database, logs and tool calls. */
public final class WireNames {
    private WireNames() {}

    // Each enum's constants by wire name: parsing is on every row the store reads (statuses, roles, kinds).
    private static final ClassValue<java.util.Map<String, Enum<?>>> BY_WIRE = new ClassValue<>() {
        @Override
        protected java.util.Map<String, Enum<?>> computeValue(Class<?> type) {
            java.util.Map<String, Enum<?>> out = new java.util.HashMap<>();
            for (Object c : type.getEnumConstants()) {
                out.put(of((Enum<?>) c), (Enum<?>) c);
            }
            return java.util.Map.copyOf(out);
        }
    };

    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String wire) {
        if (wire == null) {
            throw new IllegalArgumentException("missing " + type.getSimpleName());
        }
        Enum<?> exact = BY_WIRE.get(type).get(wire);
        if (exact != null) {
            return type.cast(exact);
        }
        try {
            return Enum.valueOf(type, wire.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + wire + "'", e);
        }
    }
}
