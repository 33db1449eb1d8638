package dev.bosun.domain;

public enum SessionRole {
    MANAGER, WORKER, REVIEWER, FOLLOW_UP
}
