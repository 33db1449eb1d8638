package dev.bosun.exec;

import java.io.IOException;
import java.io.Reader;
import java.util.function.Consumer;

/**
 * Splits a stream into lines as {@link java.io.BufferedReader#readLine} does ({@code \n}, {@code \r} or
 * {@code \r\n}), but holds at most {@link #MAX} characters of a line: the rest is skipped and the line ends with a
 * marker saying how much was cut. An agent that prints a 100 MB line costs 64 KiB, not the engine's heap.
 */
final class BoundedLines {
    static final int MAX = 64 * 1024;

    private BoundedLines() {}

    static void read(Reader in, Consumer<String> lines) throws IOException {
        StringBuilder line = new StringBuilder();
        long cut = 0;
        boolean afterCr = false;
        char[] buf = new char[8192];
        int n;
        while ((n = in.read(buf)) != -1) {
            for (int i = 0; i < n; i++) {
                char c = buf[i];
                if (c == '\n' && afterCr) {
                    afterCr = false; // the \n of a \r\n
                    continue;
                }
                afterCr = c == '\r';
                if (c == '\n' || c == '\r') {
                    lines.accept(ended(line, cut));
                    line.setLength(0);
                    cut = 0;
                } else if (line.length() < MAX) {
                    line.append(c);
                } else {
                    cut++;
                }
            }
        }
        if (line.length() > 0 || cut > 0) {
            lines.accept(ended(line, cut));
        }
    }

    private static String ended(StringBuilder line, long cut) {
        return cut == 0 ? line.toString() : line + " … [" + cut + " more characters of this line cut]";
    }
}
