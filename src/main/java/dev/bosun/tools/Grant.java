package dev.bosun.tools;

/** Who holds a token: a session of an objective (manager or worker surface), or the operator (no session). */
record Grant(Surface surface, String sessionId, String objectiveId) {
    static final String ATTRIBUTE = "bosun.grant";
}
