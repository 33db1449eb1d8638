package dev.bosun.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first window of a fresh start: Bosun in a JVM of its own, with a new data folder, on Monocle's headless screen;
 * the time is the one Bosun logs (after JVM start, as the packaged app's self-check reads it). The baseline is the
 * same JVM and class path printing {@code --help}: what starting any JVM costs on this machine now.
 */
public final class WindowBench {
    private static final Pattern SHOWN = Pattern.compile("First window shown (\\d+) ms");

    public static void main(String[] args) throws Exception {
        String jvm = ProcessHandle.current().info().command().orElse("java");
        // Bosun's classes and libraries, not the tests' (their logging setup would hide the line this reads)
        String cp = String.join(java.io.File.pathSeparator, java.util.Arrays.stream(System.getProperty(
                "java.class.path").split(java.io.File.pathSeparator)).filter(e -> !e.endsWith("test-classes"))
                .toList());
        List<Long> window = new ArrayList<>();
        List<Long> bare = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Path data = Files.createTempDirectory("bosun-window-bench");
            Path log = data.resolveSibling(data.getFileName() + ".out");
            Process p = new ProcessBuilder(jvm, "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
                    "-Dprism.order=sw", "-cp", cp, "dev.bosun.app.Launcher", "--data-dir", data.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Long ms = null;
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (ms == null && p.isAlive() && System.nanoTime() < deadline) {
                    Matcher m = SHOWN.matcher(Files.readString(log, StandardCharsets.UTF_8));
                    if (m.find()) {
                        ms = Long.parseLong(m.group(1));
                    } else {
                        Thread.sleep(20); // polling the log for its line, with a deadline
                    }
                }
            } finally {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            if (ms == null) {
                throw new IllegalStateException("Bosun showed no window: " + Files.readString(log));
            }
            long t0 = System.nanoTime();
            Process help = new ProcessBuilder(jvm, "-cp", cp, "dev.bosun.app.Launcher", "--help")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            help.waitFor(60, TimeUnit.SECONDS);
            if (i > 0) { // the first start warms the disk cache
                window.add(ms);
                bare.add((System.nanoTime() - t0) / 1_000_000);
            }
        }
        Collections.sort(window);
        Collections.sort(bare);
        System.out.printf("first window, fresh data folder: %s ms after JVM start (median %d); a JVM printing --help:"
                + " %s ms%n", window, window.get(2), bare);
        BenchSummary.add("first window after JVM start, fresh data folder (class path, no CDS archive), median",
                window.get(2), "ms", "a JVM printing --help, median", bare.get(2), "≤ 1,500 ms",
                window.get(2) <= 1500);
    }
}
