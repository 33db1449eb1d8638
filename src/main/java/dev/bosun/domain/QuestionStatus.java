package dev.bosun.domain;

import java.util.EnumSet;
import java.util.Set;

public enum QuestionStatus implements Status {
    OPEN, ANSWERED, CANCELED;

    public static final Set<QuestionStatus> TERMINAL = Statuses.frozen(EnumSet.of(ANSWERED, CANCELED));

    @Override
    public boolean terminal() {
        return TERMINAL.contains(this);
    }
}
