package dev.bosun.domain;

public enum AgentKind {
    CLAUDE("Claude Code"), CODEX("Codex"), COMMAND("Command"), DEMO("Demo (offline, no AI)");

    private final String label;

    AgentKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True if the agent reads messages while it runs (a long-lived stream-json process), so it can stay up. */
    public boolean readsInput() {
        return this == CLAUDE || this == DEMO;
    }

    @Override
    public String toString() {
        return label;
    }
}
