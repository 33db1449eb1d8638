package dev.bosun.engine;

import dev.bosun.domain.SupervisorSettings;
import dev.bosun.store.Database;
import dev.bosun.workspace.CheckoutPreparer;
import java.nio.file.Path;
import java.util.Map;

/** An engine with no agents, for tests that only need operations and the feed. */
public final class TestOrchestration {
    private TestOrchestration() {}

    public static Orchestration withoutAgents(Engine engine, Database db, Path dir) {
        return new Orchestration(engine, db, new AgentProviders(), new TargetExecutors(dir.resolve("ssh"), dir.resolve("known_hosts")),
                new CheckoutPreparer(Map.of()), SupervisorSettings.DEFAULTS, Scheduler.Settings.DEFAULTS);
    }
}
