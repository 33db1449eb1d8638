package dev.bosun.store;

import dev.bosun.domain.AgentKind;
import dev.bosun.domain.SessionMode;
import dev.bosun.domain.SessionRole;
import java.util.List;

/** What is needed to queue a session. {@code dependsOn} lists sessions that must succeed before this one starts. */
public record NewSession(String objectiveId, String parentSessionId, SessionRole role, AgentKind agent,
        SessionMode mode, String title, String goal, List<String> dependsOn) {

    public NewSession {
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }
}
