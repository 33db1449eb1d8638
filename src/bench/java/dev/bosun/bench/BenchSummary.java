package dev.bosun.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table at the end of a bench run: each metric, the baseline it is compared with (measured in the same run, since
 * absolute times on these machines vary from run to run), {@code ratio = value / baseline}, its aim and whether it
 * meets it. Printed, and written to {@code target/bench/summary.tsv} (tab-separated, a header line).
 */
final class BenchSummary {
    /** A metric of this run; {@code baseline} names what {@code baselineValue} is, or is empty for none. */
    record Row(String metric, double value, String unit, String baseline, double baselineValue, String aim,
            boolean meets) {
        String ratio() {
            return baseline.isEmpty() || baselineValue == 0 ? "" : format(value / baselineValue);
        }
    }

    private static final List<Row> ROWS = new ArrayList<>();

    private BenchSummary() {}

    static synchronized void add(String metric, double value, String unit, String baseline, double baselineValue,
            String aim, boolean meets) {
        ROWS.add(new Row(metric, value, unit, baseline, baselineValue, aim, meets));
    }

    /** A metric with no baseline (its aim is absolute). */
    static void add(String metric, double value, String unit, String aim, boolean meets) {
        add(metric, value, unit, "", 0, aim, meets);
    }

    static synchronized List<Row> rows() {
        return List.copyOf(ROWS);
    }

    /** Prints the table and writes it to {@code file}. */
    static synchronized void write(Path file) throws IOException {
        StringBuilder tsv = new StringBuilder("metric\tvalue\tunit\tbaseline\tratio\taim\tmeets\n");
        for (Row r : ROWS) {
            tsv.append(String.join("\t", clean(r.metric()), format(r.value()), r.unit(), r.baseline().isEmpty() ? ""
                    : clean(r.baseline()) + " = " + format(r.baselineValue()) + " " + r.unit(), r.ratio(),
                    clean(r.aim()), r.meets() ? "yes" : "no")).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, tsv);
        System.out.println();
        System.out.println("== summary (" + file + ") ==");
        for (Row r : ROWS) {
            System.out.printf(Locale.ROOT, "%-3s %-58s %12s %-6s %s%s%n", r.meets() ? "yes" : "NO", r.metric(),
                    format(r.value()), r.unit(), "aim " + r.aim(), r.baseline().isEmpty() ? ""
                            : "; ratio " + r.ratio() + " to " + r.baseline() + " (" + format(r.baselineValue()) + ")");
        }
    }

    /** The rows with their raw numbers, for a parent run to {@link #addFrom} (a bench run in a JVM of its own). */
    static synchronized void writeRows(Path file) throws IOException {
        StringBuilder raw = new StringBuilder();
        for (Row r : ROWS) {
            raw.append(String.join("\t", clean(r.metric()), Double.toString(r.value()), r.unit(), clean(r.baseline()),
                    Double.toString(r.baselineValue()), clean(r.aim()), Boolean.toString(r.meets()))).append('\n');
        }
        Files.writeString(file, raw);
    }

    /** Adds the rows another run wrote with {@link #writeRows}, but for those whose metric {@code skip} names. */
    static void addFrom(Path file, String skip) throws IOException {
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t", -1);
            if (f.length == 7 && !f[0].equals(skip)) {
                add(f[0], Double.parseDouble(f[1]), f[2], f[3], Double.parseDouble(f[4]), f[5],
                        Boolean.parseBoolean(f[6]));
            }
        }
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ');
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : Math.abs(v) >= 1 ? "%.2f" : "%.3f", v);
    }
}
