package dev.bosun.tools;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every request needs {@code Authorization: Bearer <token>} for a live grant of the surface it addresses: no or an
 * unknown token is 401, a token of another surface is 403, and so is an MCP session ({@code Mcp-Session-Id}) used or
 * ended with another token than the one that opened it. The grant rides along to the tool handlers.
 */
final class BearerFilter extends HttpFilter {
    private static final String SESSION_HEADER = "Mcp-Session-Id";
    private final Tokens tokens;
    /** Each MCP session's id, with the token that opened it: no other token may use it or end it. */
    private final Map<String, String> openedBy = new ConcurrentHashMap<>();

    BearerFilter(Tokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String header = req.getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip() : null;
        Optional<Grant> grant = tokens.lookup(token);
        if (grant.isEmpty()) {
            res.setHeader("WWW-Authenticate", "Bearer realm=\"bosun\"");
            refuse(res, 401, token == null ? "This endpoint needs Authorization: Bearer <token>."
                    : "The token is not valid (it may belong to a session that has ended).");
            return;
        }
        if (!req.getRequestURI().equals(grant.get().surface().path())) {
            refuse(res, 403, "This token opens " + grant.get().surface().path() + " only.");
            return;
        }
        String mcpSession = req.getHeader(SESSION_HEADER);
        if (mcpSession != null) {
            String opener = openedBy.get(mcpSession);
            if (opener != null && !opener.equals(token)) {
                refuse(res, 403, "This MCP session was opened with another token; only that one may use or end it.");
                return;
            }
        }
        req.setAttribute(Grant.ATTRIBUTE, grant.get());
        chain.doFilter(req, res);
        String opened = res.getHeader(SESSION_HEADER);
        if (mcpSession == null && opened != null) {
            openedBy.values().removeIf(t -> tokens.lookup(t).isEmpty()); // sessions whose tokens died with their runs
            openedBy.putIfAbsent(opened, token);
        }
    }

    private static void refuse(HttpServletResponse res, int status, String message) throws IOException {
        JsonRpcBodyFilter.refuse(res, status, -32001, message);
    }
}
