package dev.bosun.domain;

public enum TargetKind {
    LOCAL, SSH
}
