package dev.bosun.engine;

import dev.bosun.domain.ToolEndpoint;
import dev.bosun.domain.Session;

/**
 * Hands a session's agent its way into Bosun's MCP tools. The engine grants access when it starts the agent and
 * revokes it when the process is gone, so a token lives no longer than the run it was made for.
 */
public interface ToolAccess {
    /** No tools: agents run without Bosun's MCP server (tests of the engine alone). */
    ToolAccess NONE = new ToolAccess() {
        @Override
        public ToolEndpoint grant(Session session) {
            return null;
        }

        @Override
        public void revoke(String sessionId) {}
    };

    /** A fresh token for the session's role and objective; any earlier token of the session stops working. */
    ToolEndpoint grant(Session session);

    void revoke(String sessionId);
}
