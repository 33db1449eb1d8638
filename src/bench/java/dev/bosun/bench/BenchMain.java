package dev.bosun.bench;

import java.util.Arrays;
import java.util.List;

/** Runs the benchmarks named on the command line ({@code all} for every one): {@code mvn -Pbench verify -Dbench=supervisor,fxfeed}. */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        List<String> which = Arrays.asList(args.length == 0 ? new String[] {"all"} : args[0].split(","));
        long start = System.nanoTime();
        try {
            run(which);
        } finally {
            BenchSummary.add("the whole bench run", (System.nanoTime() - start) / 60e9, "min",
                    "≤ 15 min (-Dbench=all)", !which.contains("all") || System.nanoTime() - start < 15 * 60e9);
            BenchSummary.write(java.nio.file.Path.of("target", "bench", "summary.tsv"));
        }
        System.exit(0);
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
            ManyObjectivesBench.main(new String[0]);
        }
        if (all || which.contains("window")) {
            WindowBench.main(new String[0]);
        }
        if (all || which.contains("fxfeed")) {
            FxFeedBench.main(new String[0]);
        }
    }
}
