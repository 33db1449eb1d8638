package dev.bosun.domain;

public enum ChecksState {
    UNKNOWN, PENDING, PASSING, FAILING
}
