package dev.bosun.tools;

import dev.bosun.domain.SessionRole;

/** The three tool surfaces, each at its own path: a token opens only the surface of its holder's role. */
public enum Surface {
    MANAGER, WORKER, OPERATOR;

    public String path() {
        return "/mcp/" + name().toLowerCase();
    }

    static Surface of(SessionRole role) {
        return role == SessionRole.MANAGER ? MANAGER : WORKER;
    }
}
