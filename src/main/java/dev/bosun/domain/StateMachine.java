package dev.bosun.domain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * An explicit transition table for one kind of entity. Every status change in Bosun is checked here inside the
 * transaction that makes it; a terminal status has no exits, which is what makes a late completion harmless.
 */
public final class StateMachine<S extends Enum<S> & Status> {

    /** What happens when an entity in {@code from} is asked to move to {@code to}. */
    public enum Verdict {
        /** An allowed edge: apply it. */
        APPLY,
        /** Already there: nothing to do. */
        SAME,
        /** The entity already ended; the request is late and is ignored (and recorded as such). */
        IGNORED_TERMINAL,
        /** Not an edge of the table: refused. */
        REFUSED
    }

    private final String entity;
    private final Class<S> type;
    private final Map<S, Set<S>> edges;

    private StateMachine(String entity, Class<S> type, Map<S, Set<S>> edges) {
        this.entity = entity;
        this.type = type;
        this.edges = edges;
    }

    public static <S extends Enum<S> & Status> Builder<S> of(String entity, Class<S> type) {
        return new Builder<>(entity, type);
    }

    public String entity() {
        return entity;
    }

    public Class<S> type() {
        return type;
    }

    public Verdict check(S from, S to) {
        if (from == to) {
            return Verdict.SAME;
        }
        if (from.terminal()) {
            return Verdict.IGNORED_TERMINAL;
        }
        return edges.get(from).contains(to) ? Verdict.APPLY : Verdict.REFUSED;
    }

    public boolean allows(S from, S to) {
        return check(from, to) == Verdict.APPLY;
    }

    public Set<S> targetsOf(S from) {
        return Collections.unmodifiableSet(edges.get(from));
    }

    public static final class Builder<S extends Enum<S> & Status> {
        private final String entity;
        private final Class<S> type;
        private final Map<S, Set<S>> edges;

        private Builder(String entity, Class<S> type) {
            this.entity = entity;
            this.type = type;
            this.edges = new EnumMap<>(type);
            for (S s : type.getEnumConstants()) {
                edges.put(s, EnumSet.noneOf(type));
            }
        }

        @SafeVarargs
        public final Builder<S> allow(S from, S... to) {
            if (from.terminal()) {
                throw new IllegalArgumentException(entity + ": terminal status " + from.wire() + " cannot have exits");
            }
            for (S t : to) {
                if (t == from) {
                    throw new IllegalArgumentException(entity + ": self edge on " + from.wire());
                }
                edges.get(from).add(t);
            }
            return this;
        }

        public StateMachine<S> build() {
            Map<S, Set<S>> frozen = new EnumMap<>(type);
            edges.forEach((k, v) -> frozen.put(k, Collections.unmodifiableSet(EnumSet.copyOf(
                    v.isEmpty() ? EnumSet.noneOf(type) : v))));
            return new StateMachine<>(entity, type, Collections.unmodifiableMap(frozen));
        }
    }
}
