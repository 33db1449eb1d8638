package dev.bosun.domain;

import java.util.List;

/**
 * Where a session's agent reaches Bosun's MCP tools: the URL of its role's surface, its own bearer token, and the
 * names of the tools that surface serves (so a CLI can pre-approve exactly those and nothing more).
 */
public record ToolEndpoint(String url, String token, List<String> toolNames) {
    /** The MCP server name the agents know Bosun by; Claude Code calls the tools {@code mcp__bosun__<name>}. */
    public static final String SERVER = "bosun";

    public ToolEndpoint {
        toolNames = List.copyOf(toolNames);
    }

    @Override
    public String toString() {
        return "ToolEndpoint[" + url + ", token hidden, " + toolNames + "]"; // the token never reaches a log
    }
}
