package dev.bosun.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.testing.Git;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole engine, simulated: many seeded histories of agents that work, stall, crash, flood and hang, an operator
 * who acts at random, target faults and crashes of Bosun itself, with every invariant checked after every step.
 * {@code -Dbosun.sim.seed=N} replays one history and prints its steps; {@code -Dbosun.sim.histories} and
 * {@code -Dbosun.sim.steps} size the run (the {@code simulation} profile runs 50,000).
 */
class EngineSimulationTest {
    static final int HISTORIES = Integer.getInteger("bosun.sim.histories", 500);
    static final int STEPS = Integer.getInteger("bosun.sim.steps", 16);
    static final long FIRST_SEED = Long.getLong("bosun.sim.first", 1L);
    static final Long REPLAY = Long.getLong("bosun.sim.seed");

    @TempDir
    Path dir;
    private Path root;
    private Path template;
    private ch.qos.logback.classic.Logger rootLogger;
    private ch.qos.logback.classic.Level level;

    record Failure(long seed, String oracle, String violation, String steps) {}

    @BeforeEach
    void world() throws Exception {
        root = Files.isWritable(Path.of("/dev/shm"))
                ? Files.createTempDirectory(Path.of("/dev/shm"), "bosun-sim-") : dir; // SQLite on tmpfs is faster
        template = new Git(Files.createDirectories(root.resolve("home"))).origin(root);
        // the simulated faults make the engine warn thousands of times; its errors still show
        rootLogger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        level = rootLogger.getLevel();
        rootLogger.setLevel(ch.qos.logback.classic.Level.ERROR);
    }

    @AfterEach
    void clean() {
        rootLogger.setLevel(level);
        if (root != dir) {
            deleteTree(root);
        }
    }

    @Test
    void everyInvariantHoldsAfterEveryStepOfEveryHistory() throws Exception {
        List<Long> seeds = new ArrayList<>();
        if (REPLAY != null) {
            seeds.add(REPLAY);
        } else {
            for (long s = FIRST_SEED; s < FIRST_SEED + HISTORIES; s++) {
                seeds.add(s);
            }
        }
        List<Failure> failures = new CopyOnWriteArrayList<>();
        Map<String, Long> tally = new java.util.concurrent.ConcurrentSkipListMap<>();
        long began = System.nanoTime();
        // two histories at a time: one waits on git or SQLite while the other computes
        ExecutorService pool = Executors.newFixedThreadPool(REPLAY != null ? 1
                : Integer.getInteger("bosun.sim.threads", 2));
        List<Future<?>> done = new ArrayList<>();
        for (long seed : seeds) {
            done.add(pool.submit(() -> {
                Failure f = history(seed, STEPS, REPLAY != null, tally);
                if (f != null) {
                    failures.add(f);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("Simulation: %d histories of %d steps (%s) in %.1f s: %.1f histories/s; %d failed%n",
                seeds.size(), STEPS, tally.toString().replaceAll("[{}]", ""), seconds, seeds.size() / seconds,
                failures.size());
        Map<String, Integer> byOracle = new ConcurrentHashMap<>();
        failures.forEach(f -> byOracle.merge(f.oracle(), 1, Integer::sum));
        if (!byOracle.isEmpty()) {
            System.out.println("Failing seeds per oracle: " + byOracle);
        }
        StringBuilder report = new StringBuilder();
        failures.stream().sorted(Comparator.comparingLong(Failure::seed)).limit(5).forEach(f -> report
                .append("\n\nseed ").append(f.seed()).append(": ").append(f.violation())
                .append("\nreplay: mvn -o -q test")
                .append(" -Dapp-image.skip -Dtest=EngineSimulationTest -Dbosun.sim.seed=").append(f.seed())
                .append(" -Dbosun.sim.steps=").append(STEPS).append("\nlast steps:\n").append(f.steps()));
        assertThat(failures).as(failures.size() + " of " + seeds.size() + " histories broke an invariant" + report)
                .isEmpty();
    }

    /**
     * One seed per class of failure the simulation caught: each history broke its invariant with the fix reverted
     * (the closing note of issue 14 says how many seeds each reverted fix broke) and holds with it.
     */
    @ParameterizedTest(name = "seed {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            12 | known failure 1: a failed folder check read as "already gone": archived, never deleted (gc leaks)
            13 | known failure 2: a session that asked ended, its objective left waiting on nothing (liveness)
            71 | known failure 3: a PR closed while no manager was live, its notice dropped (a manager hears every PR's end)
            2  | known failure 4: a poke of a one-shot manager mid-turn cut the turn short (turn never cut)
            6  | known failure 5: a write to a closed input marked delivered (messages)
            20 | known failure 5: a message sent while its session started left queued (messages)
            14 | known failure 6: a respawned manager's prompt cut at 6,000 characters (whole prompt)
            13 | known failure 7: a dependent started from the base branch, without its dependency's commits
            11 | known failure 8: the GC deleting a checkout mid-clone, which the clone then recreated (gc leaks)
            16 | known failure 9: a manager no target can take never escalated (liveness)
            15 | known failure 10: a manager poked forever without progress (pokes bounded)
            7  | known failure 11: an objective ended with a worker's commits in no PR (work in no PR)
            3  | workers no target can take left waiting unseen (liveness)
            6  | a worker that exits with a message unread leaves it queued (messages)
            7  | the GC deleting stashed work, or commits on another branch (gc keeps work)
            145 | a dependent spawned after its dependency's checkout was reclaimed started without its work (dependent)
            """)
    void replayedSeeds(long seed, String failure) {
        Failure f = history(seed, 40, true, new java.util.HashMap<>());
        assertThat(f).as(failure).isNull();
    }

    /** Runs one history; its failure (with the steps, and where each objective stood if {@code detailed}), or null. */
    private Failure history(long seed, int steps, boolean detailed, Map<String, Long> tally) {
        Path home = root.resolve("h" + seed);
        try (SimulatedHistory h = new SimulatedHistory(seed, home, template)) {
            String violation;
            try {
                violation = h.run(steps);
            } catch (RuntimeException e) {
                violation = "the history broke: " + e;
                h.oracles.failed = "no crash";
            }
            h.tally().forEach((k, v) -> tally.merge(k, (long) v, Long::sum));
            if (violation == null) {
                if (detailed && REPLAY != null) {
                    System.out.println(h.tail(1000));
                }
                return null;
            }
            return new Failure(seed, h.oracles.failed, violation, h.tail(detailed ? 1000 : 25)
                    + (detailed ? "\nstate:" + h.state() : ""));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            deleteTree(home);
        }
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (var paths = Files.walk(p)) {
            paths.sorted(Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
        } catch (IOException e) {
            // a leftover folder under the temp root is harmless
        }
    }
}
