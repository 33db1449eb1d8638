package dev.bosun.domain;

public enum QuestionKind {
    AGENT, ESCALATION
}
