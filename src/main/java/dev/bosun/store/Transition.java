package dev.bosun.store;

import dev.bosun.domain.StateMachine.Verdict;
import dev.bosun.domain.Status;

/** The outcome of a requested status change. Only {@link #applied()} changed anything. */
public record Transition<S extends Status>(S from, S to, Verdict verdict) {
    public boolean applied() {
        return verdict == Verdict.APPLY;
    }
}
