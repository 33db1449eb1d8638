package dev.bosun.domain;

public enum TranscriptKind {
    TEXT, TOOL_CALL, TOOL_RESULT, STATUS, ERROR, USAGE
}
