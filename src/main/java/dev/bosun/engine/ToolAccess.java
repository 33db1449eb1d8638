package dev.bosun.engine;

import dev.bosun.domain.Session;
import dev.bosun.domain.ToolEndpoint;
import java.io.IOException;

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

    /**
     * Opens the tools over the engine's two APIs. The tools call the operations, and the session runner grants their
     * tokens, so the engine opens them once the operations exist and before it builds the runner.
     */
    @FunctionalInterface
    interface Opener {
        Opener NONE = (operator, agents) -> ToolAccess.NONE;

        ToolAccess open(Operations operator, AgentOperations agents) throws IOException;
    }

    /** A fresh token for the session's role and objective; any earlier token of the session stops working. */
    ToolEndpoint grant(Session session);

    void revoke(String sessionId);
}
