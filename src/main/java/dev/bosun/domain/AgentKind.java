package dev.bosun.domain;

public enum AgentKind {
    CLAUDE("Claude Code"), CODEX("Codex"), COMMAND("Command");

    private final String label;

    AgentKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
