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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole engine, simulated: many seeded histories of agents that work, stall, crash, flood and hang, an operator
 * who acts at random, target faults and crashes of Bosun itself, with every invariant checked after every step.
 * {@code -Dbosun.sim.seed=N} replays one history and prints its steps; {@code -Dbosun.sim.histories} and
 * {@code -Dbosun.sim.steps} size the run (the {@code simulation} profile runs 50,000).
 */
class EngineSimulationTest {
    static final int HISTORIES = Integer.getInteger("bosun.sim.histories", 500);
    static final int STEPS = Integer.getInteger("bosun.sim.steps", 40);
    static final long FIRST_SEED = Long.getLong("bosun.sim.first", 1L);
    static final Long REPLAY = Long.getLong("bosun.sim.seed");

    @TempDir
    Path dir;

    record Failure(long seed, String oracle, String violation, String steps) {}

    @Test
    void everyInvariantHoldsAfterEveryStepOfEveryHistory() throws Exception {
        Path root = Files.isWritable(Path.of("/dev/shm"))
                ? Files.createTempDirectory(Path.of("/dev/shm"), "bosun-sim-") : dir; // SQLite on tmpfs is faster
        Path template = new Git(Files.createDirectories(root.resolve("home"))).origin(root);
        List<Long> seeds = new ArrayList<>();
        if (REPLAY != null) {
            seeds.add(REPLAY);
        } else {
            for (long s = FIRST_SEED; s < FIRST_SEED + HISTORIES; s++) {
                seeds.add(s);
            }
        }
        // the simulated faults make the engine warn thousands of times; its errors still show
        var root0 = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var level = root0.getLevel();
        root0.setLevel(ch.qos.logback.classic.Level.ERROR);
        List<Failure> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicLong restarts = new AtomicLong();
        long began = System.nanoTime();
        // two histories at a time: one waits on git or SQLite while the other computes
        ExecutorService pool = Executors.newFixedThreadPool(REPLAY != null ? 1 : Integer.getInteger("bosun.sim.threads", 2));
        List<Future<?>> done = new ArrayList<>();
        for (long seed : seeds) {
            done.add(pool.submit(() -> {
                Path home = root.resolve("h" + seed);
                try (SimulatedHistory h = new SimulatedHistory(seed, home, template)) {
                    String violation;
                    try {
                        violation = h.run(STEPS);
                    } catch (RuntimeException e) {
                        violation = "the history broke: " + e;
                        h.oracles.failed = "no crash";
                    }
                    restarts.addAndGet(h.restarts());
                    if (violation != null) {
                        failures.add(new Failure(seed, h.oracles.failed, violation, h.tail(REPLAY != null ? 1000 : 25)
                                + (REPLAY != null ? "\nstate:" + h.state() : "")));
                    } else if (REPLAY != null) {
                        System.out.println(h.tail(1000));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } finally {
                    deleteTree(home);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        root0.setLevel(level);
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("Simulation: %d histories of %d steps (%d crashes of Bosun) in %.1f s: %.1f histories/s;"
                + " %d failed%n", seeds.size(), STEPS, restarts.get(), seconds, seeds.size() / seconds,
                failures.size());
        Map<String, Integer> byOracle = new ConcurrentHashMap<>();
        failures.forEach(f -> byOracle.merge(f.oracle(), 1, Integer::sum));
        if (!byOracle.isEmpty()) {
            System.out.println("Failing seeds per oracle: " + byOracle);
        }
        if (root != dir) {
            deleteTree(root);
        }
        StringBuilder report = new StringBuilder();
        failures.stream().sorted(Comparator.comparingLong(Failure::seed)).limit(5).forEach(f -> report
                .append("\n\nseed ").append(f.seed()).append(": ").append(f.violation()).append("\nreplay: mvn -o -q test")
                .append(" -Dapp-image.skip -Dtest=EngineSimulationTest -Dbosun.sim.seed=").append(f.seed())
                .append(" -Dbosun.sim.steps=").append(STEPS).append("\nlast steps:\n").append(f.steps()));
        assertThat(failures).as(failures.size() + " of " + seeds.size() + " histories broke an invariant" + report)
                .isEmpty();
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
