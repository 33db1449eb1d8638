package dev.bosun.domain;

public enum QuestionStatus implements Status {
    OPEN, ANSWERED, CANCELED;

    @Override
    public boolean terminal() {
        return this != OPEN;
    }
}
