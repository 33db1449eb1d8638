package dev.bosun.engine;

import dev.bosun.agent.AgentProvider;
import dev.bosun.domain.AgentKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The agent providers this Bosun can run, by kind. */
public final class AgentProviders {
    private final Map<AgentKind, AgentProvider> byKind = new EnumMap<>(AgentKind.class);
    private AgentKind preferred = AgentKind.CLAUDE;

    /** The agent an objective gets when the operator does not choose one. */
    public AgentProviders preferring(AgentKind kind) {
        preferred = kind;
        return this;
    }

    public AgentKind preferred() {
        return preferred;
    }

    public AgentProviders register(AgentProvider provider) {
        byKind.put(provider.kind(), provider);
        return this;
    }

    public Optional<AgentProvider> get(AgentKind kind) {
        return Optional.ofNullable(byKind.get(kind));
    }
}
