package dev.bosun.app;

import dev.bosun.domain.Actor;
import dev.bosun.domain.TargetKind;
import dev.bosun.forge.BranchPublisher;
import dev.bosun.forge.Forges;
import dev.bosun.forge.LocalForge;
import dev.bosun.tools.ToolServer;
import dev.bosun.engine.ChangeFeed;
import dev.bosun.engine.Engine;
import dev.bosun.engine.Operations;
import dev.bosun.engine.Orchestration;
import dev.bosun.engine.Scheduler;
import dev.bosun.engine.TargetExecutors;
import dev.bosun.workspace.CheckoutPreparer;
import dev.bosun.engine.TableQueries;
import dev.bosun.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds everything in dependency order and closes it in reverse. The instance lock is taken
 * first and released last, so no second Bosun can touch the database while this one is still writing.
 */
public final class Bosun implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Bosun.class);
    private static final int IO_THREADS = 8;

    private final DataDirectory dataDirectory;
    private final Deque<AutoCloseable> closeInReverse = new ArrayDeque<>();
    private final Database database;
    private final ChangeFeed feed;
    private final Engine engine;
    private final Operations operations;
    private final TableQueries queries;
    private final ToolServer tools;
    private boolean closed;

    private Bosun(DataDirectory dataDirectory, Clock clock, AgentSetup agents, Path knownHosts) throws IOException {
        this.dataDirectory = dataDirectory;
        dev.bosun.store.OwnerOnly.folder(dataDirectory.root());
        closeInReverse.push(InstanceLock.acquire(dataDirectory.lockFile()));
        try {
            database = Database.open(dataDirectory.database(), clock);
            closeInReverse.push(database);
            feed = new ChangeFeed();
            database.onCommit(feed::publish);
            engine = new Engine(clock, IO_THREADS);
            closeInReverse.push(engine);
            Settings settings = Settings.load(dataDirectory.settings());
            Forges forges = new Forges(new LocalForge(agents.gitEnv(), dataDirectory.root().resolve("forge-cache")),
                    settings.githubApi(), new GitHubToken(settings.githubToken(), System.getenv(),
                            List.of("gh", "auth", "token"), clock));
            ToolServer[] server = new ToolServer[1]; // opened by the engine once its operations exist
            Orchestration orchestration = new Orchestration(engine, database, agents.providers(),
                    new TargetExecutors(dataDirectory.root().resolve("ssh"), knownHosts, new TargetExecutors.AgentRules(
                            List.of(dataDirectory.root()), settings.agentEnv(), settings.sandbox(),
                            settings.agentSignIn())),
                    new CheckoutPreparer(agents.gitEnv()), new BranchPublisher(agents.gitEnv(), forges::pushCredential),
                    forges,
                    (operator, agentOps) -> {
                        server[0] = ToolServer.start(operator, agentOps, database, Version.current());
                        closeInReverse.push(server[0]);
                        return server[0];
                    }, settings.supervisor(),
                    Scheduler.Settings.DEFAULTS.withPrRefreshEvery(settings.prRefreshEvery()));
            tools = server[0];
            operations = orchestration.operations();
            queries = new TableQueries(engine, database);
            Files.deleteIfExists(dataDirectory.root().resolve("mcp-operator.txt")); // where Bosun 0.1 kept it
            tools.writeOperatorToken(dataDirectory.operatorToken());
            closeInReverse.push(orchestration::stopAgents);
            ensureLocalTarget();
            orchestration.start();
        } catch (RuntimeException | IOException e) {
            close();
            throw e;
        }
    }

    /** Starts Bosun on a data folder; throws {@link InstanceLock.AlreadyRunning} if another Bosun holds it. */
    public static Bosun start(DataDirectory dataDirectory, Clock clock) throws IOException {
        return start(dataDirectory, clock, AgentSetup.fromEnvironment());
    }

    public static Bosun start(DataDirectory dataDirectory, Clock clock, AgentSetup agents) throws IOException {
        return start(dataDirectory, clock, agents, null);
    }

    /** @param knownHosts SSH known_hosts of Bosun's own, or null for the user's */
    public static Bosun start(DataDirectory dataDirectory, Clock clock, AgentSetup agents, Path knownHosts)
            throws IOException {
        Bosun bosun = new Bosun(dataDirectory, clock, agents, knownHosts);
        log.info("Bosun started; data folder {}, database {}", dataDirectory.root(), dataDirectory.database());
        return bosun;
    }

    private void ensureLocalTarget() throws IOException {
        Files.createDirectories(dataDirectory.workRoot());
        database.write(tx -> {
            if (tx.targets().byName("local").isEmpty()) {
                int capacity = Math.max(1, Runtime.getRuntime().availableProcessors());
                tx.targets().create("local", TargetKind.LOCAL, "", "", 0, dataDirectory.workRoot().toString(),
                        capacity, Actor.ENGINE);
            }
            return null;
        });
    }

    public DataDirectory dataDirectory() {
        return dataDirectory;
    }

    public Database database() {
        return database;
    }

    public ChangeFeed feed() {
        return feed;
    }

    public Engine engine() {
        return engine;
    }

    public Operations operations() {
        return operations;
    }

    /** The MCP server's base URL (loopback). */
    public String mcpUrl() {
        return tools.baseUrl();
    }

    public TableQueries queries() {
        return queries;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!closeInReverse.isEmpty()) {
            AutoCloseable c = closeInReverse.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.error("Closing {} failed", c.getClass().getSimpleName(), e);
            }
        }
        log.info("Bosun stopped");
    }
}
