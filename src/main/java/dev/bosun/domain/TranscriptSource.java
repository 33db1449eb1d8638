package dev.bosun.domain;

public enum TranscriptSource {
    USER, AGENT, SYSTEM, TOOL, STDOUT, STDERR
}
