package dev.bosun.domain;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** Helpers for the named status sets the enums own. */
final class Statuses {
    private Statuses() {}

    /** An unmodifiable view that iterates in declaration order (the store writes SQL lists in that order). */
    static <E extends Enum<E>> Set<E> frozen(EnumSet<E> set) {
        return Collections.unmodifiableSet(set);
    }
}
