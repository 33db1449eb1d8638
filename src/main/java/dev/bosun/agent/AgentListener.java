package dev.bosun.agent;

@FunctionalInterface
public interface AgentListener {
    void on(AgentEvent event);
}
