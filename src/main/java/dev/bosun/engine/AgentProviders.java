package dev.bosun.engine;

import dev.bosun.agent.AgentProvider;
import dev.bosun.domain.AgentKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The agent providers this Bosun can run, by kind. */
public final class AgentProviders {
    private final Map<AgentKind, AgentProvider> byKind = new EnumMap<>(AgentKind.class);
    private final Map<AgentKind, String> missing = new EnumMap<>(AgentKind.class);
    private AgentKind preferred = AgentKind.CLAUDE;
    private TargetDoctor.Programs programs = TargetDoctor.Programs.DEFAULTS;

    /** The kind's CLI was not found at start: new work for it is refused with {@code why}. */
    public AgentProviders markMissing(AgentKind kind, String why) {
        missing.put(kind, why);
        return this;
    }

    /** Why work for this kind cannot run here, if its CLI was found missing (an unregistered kind fails at start). */
    public Optional<String> unavailable(AgentKind kind) {
        return Optional.ofNullable(missing.get(kind));
    }

    /**
     * Why work for this kind can run nowhere: its CLI is missing here and no SSH target's doctor found it either
     * ({@code hostAgents}: what each target's doctor found). Empty when some target can run it.
     */
    public Optional<String> unavailable(AgentKind kind, Map<String, java.util.Set<AgentKind>> hostAgents) {
        if (hostAgents.values().stream().anyMatch(kinds -> kinds.contains(kind))) {
            return Optional.empty();
        }
        return unavailable(kind).map(why -> why + " No SSH target's doctor found it there either.");
    }

    /** The kinds whose CLI Bosun found on this machine at start (an unregistered kind fails at its start). */
    public java.util.Set<AgentKind> runnableHere() {
        java.util.Set<AgentKind> here = java.util.EnumSet.allOf(AgentKind.class);
        here.removeAll(missing.keySet());
        return here;
    }

    /** The agent an objective gets when the operator does not choose one. */
    public AgentProviders preferring(AgentKind kind) {
        preferred = kind;
        return this;
    }

    /** The programs the agents run (a CLI configured by its path): what a target's doctor looks for. */
    public AgentProviders running(TargetDoctor.Programs programs) {
        this.programs = programs;
        return this;
    }

    public TargetDoctor.Programs programs() {
        return programs;
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
