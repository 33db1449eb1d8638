package dev.bosun.domain;

public enum SessionMode {
    INTERACTIVE, NON_INTERACTIVE
}
