package dev.bosun.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Runs the benchmarks named on the command line ({@code all} for every one): {@code mvn -Pbench verify -Dbench=supervisor,fxfeed}. */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        List<String> which = Arrays.asList(args.length == 0 ? new String[] {"all"} : args[0].split(","));
        long start = System.nanoTime();
        String rowsFile = System.getProperty(ROWS_FILE);
        try {
            run(which);
        } finally {
            BenchSummary.add(WHOLE_RUN, (System.nanoTime() - start) / 60e9, "min",
                    "≤ 15 min (-Dbench=all)", !which.contains("all") || System.nanoTime() - start < 15 * 60e9);
            if (rowsFile != null) {
                BenchSummary.writeRows(Path.of(rowsFile));
            } else {
                BenchSummary.write(Path.of("target", "bench", "summary.tsv"));
            }
        }
        System.exit(0);
    }

    private static final String WHOLE_RUN = "the whole bench run";
    /** Set for a bench run in a JVM of its own: where it writes its rows for the run that started it. */
    private static final String ROWS_FILE = "bench.rows";

    /**
     * Runs one bench in a fresh JVM and takes its rows: for a bench that reports the JVM's own memory, which the
     * benches run before it in this JVM would have grown.
     */
    private static void inOwnJvm(String bench) throws Exception {
        Path rows = Files.createTempFile("bosun-bench-rows", ".tsv");
        try {
            int exit = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-D" + ROWS_FILE + "=" + rows, "-cp", System.getProperty("java.class.path"),
                    BenchMain.class.getName(), bench).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("the " + bench + " bench exited " + exit);
            }
            BenchSummary.addFrom(rows, WHOLE_RUN);
        } finally {
            Files.deleteIfExists(rows);
        }
    }

    private static void run(List<String> which) throws Exception {
        boolean all = which.contains("all");
        if (all || which.contains("supervisor")) {
            SupervisorPassBench.run();
        }
        if (all || which.contains("checkout")) {
            CheckoutBench.main(new String[0]);
        }
        if (all || which.contains("gc")) {
            GcDecisionBench.main(new String[0]);
        }
        if (all || which.contains("console")) {
            ConsoleBench.main(new String[0]);
        }
        if (all || which.contains("agentloop")) {
            AgentLoopBench.main(new String[0]);
        }
        if (all || which.contains("flood")) {
            FloodBench.main(new String[0]);
        }
        if (all || which.contains("prrefresh")) {
            PrRefreshBench.main(new String[0]);
        }
        if (all || which.contains("diff")) {
            DiffBench.main(new String[0]);
        }
        if (all || which.contains("many")) {
            if (which.size() == 1 && !all) {
                ManyObjectivesBench.main(new String[0]);
            } else {
                inOwnJvm("many"); // Bosun's resident memory is its own, not what earlier benches left
            }
        }
        if (all || which.contains("window")) {
            WindowBench.main(new String[0]);
        }
        if (all || which.contains("fxfeed")) {
            FxFeedBench.main(new String[0]);
        }
    }
}
