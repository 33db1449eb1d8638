package dev.bosun.engine;

import dev.bosun.domain.SupervisorSettings;
import dev.bosun.forge.BranchPublisher;
import dev.bosun.forge.Forges;
import dev.bosun.forge.LocalForge;
import dev.bosun.store.Database;
import dev.bosun.workspace.CheckoutPreparer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** An engine with no agents and no tools, for tests that only need operations and the feed; its forge is in dir. */
public final class TestOrchestration {
    private TestOrchestration() {}

    public static Orchestration withoutAgents(Engine engine, Database db, Path dir) {
        return withoutAgents(engine, db, dir, SupervisorSettings.DEFAULTS);
    }

    public static Orchestration withoutAgents(Engine engine, Database db, Path dir, SupervisorSettings supervision) {
        try {
            return new Orchestration(engine, db, new AgentProviders(), new TargetExecutors(dir.resolve("ssh"),
                    dir.resolve("known_hosts")), new CheckoutPreparer(Map.of()), new BranchPublisher(Map.of()),
                    Forges.localOnly(new LocalForge(Map.of(), dir.resolve("forge-cache"))), ToolAccess.Opener.NONE,
                    supervision, Scheduler.Settings.DEFAULTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
