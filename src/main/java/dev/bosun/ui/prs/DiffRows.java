package dev.bosun.ui.prs;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A file's two versions as the lines a diff view shows, computed by java-diff-utils: unified (removed lines, then the
 * lines that replace them) or side by side (a removed line beside the line that replaced it). Runs of unchanged lines
 * longer than twice {@link #CONTEXT} are folded into one line that says how many it hides. In a changed line, the
 * words that changed are marked. No JavaFX here: the view styles what this says.
 */
public final class DiffRows {
    /** Unchanged lines shown around each change. */
    static final int CONTEXT = 3;
    /** Lines longer than this get no word marks (a minified file would make that slow and say nothing). */
    private static final int MAX_MARKED_LINE = 1_000;
    private static final Pattern WORDS = Pattern.compile("(?<=\\W)|(?=\\W)");

    public enum Kind { SAME, ADDED, REMOVED, FOLD, EMPTY }

    /** A span of a line's text, [start, end), whose words changed. */
    public record Mark(int start, int end) {}

    /**
     * One line of a side: its kind, its number in its version (null for a fold or padding), its text and marks. A
     * fold's {@code text} says how many lines it hides.
     */
    public record Line(Kind kind, Integer number, String text, List<Mark> marks) {
        static Line of(Kind kind, int index, String text) {
            return new Line(kind, index + 1, text, List.of());
        }
    }

    /** A unified line: numbers on both sides (one is null for an added or removed line). */
    public record Unified(Kind kind, Integer oldNumber, Integer newNumber, String text, List<Mark> marks) {}

    /** Side by side: the base's line and the head's, either possibly padding. */
    public record Pair(Line left, Line right) {}

    private final List<Pair> pairs;

    private DiffRows(List<Pair> pairs) {
        this.pairs = pairs;
    }

    public static DiffRows of(String before, String after, boolean fold) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Pair> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        // a file added or deleted is all one change: no need to search (the search is slow on an empty side)
        List<AbstractDelta<String>> deltas = a.isEmpty() || b.isEmpty()
                ? List.of(new com.github.difflib.patch.ChangeDelta<>(new com.github.difflib.patch.Chunk<>(0, a),
                        new com.github.difflib.patch.Chunk<>(0, b)))
                : DiffUtils.diff(a, b).getDeltas();
        for (AbstractDelta<String> d : deltas) {
            int same = d.getSource().getPosition() - i;
            addSame(out, a, b, i, j, same, fold, out.isEmpty() ? Edge.START : Edge.MIDDLE);
            i += same;
            j += same;
            int removed = d.getSource().size();
            int added = d.getTarget().size();
            for (int k = 0; k < Math.max(removed, added); k++) {
                Line left = k < removed ? Line.of(Kind.REMOVED, i + k, a.get(i + k)) : padding();
                Line right = k < added ? Line.of(Kind.ADDED, j + k, b.get(j + k)) : padding();
                out.add(k < removed && k < added ? marked(left, right) : new Pair(left, right));
            }
            i += removed;
            j += added;
        }
        addSame(out, a, b, i, j, a.size() - i, fold, out.isEmpty() ? Edge.WHOLE : Edge.END);
        return new DiffRows(out);
    }

    private enum Edge { START, MIDDLE, END, WHOLE }

    private static void addSame(List<Pair> out, List<String> a, List<String> b, int i, int j, int n, boolean fold,
            Edge edge) {
        int head = edge == Edge.START || edge == Edge.WHOLE ? 0 : CONTEXT; // kept after the change before
        int tail = edge == Edge.END || edge == Edge.WHOLE ? 0 : CONTEXT;   // kept before the change after
        if (!fold || n <= head + tail + 1) {
            head = n;
            tail = 0;
        }
        for (int k = 0; k < head; k++) {
            out.add(new Pair(Line.of(Kind.SAME, i + k, a.get(i + k)), Line.of(Kind.SAME, j + k, b.get(j + k))));
        }
        if (head < n) {
            Line f = new Line(Kind.FOLD, null, "⋯ " + (n - head - tail) + " unchanged line"
                    + (n - head - tail == 1 ? "" : "s"), List.of());
            out.add(new Pair(f, f));
            for (int k = n - tail; k < n; k++) {
                out.add(new Pair(Line.of(Kind.SAME, i + k, a.get(i + k)), Line.of(Kind.SAME, j + k, b.get(j + k))));
            }
        }
    }

    private static Line padding() {
        return new Line(Kind.EMPTY, null, "", List.of());
    }

    /** A removed line beside its replacement: the words that differ are marked on each. */
    private static Pair marked(Line left, Line right) {
        if (left.text().length() > MAX_MARKED_LINE || right.text().length() > MAX_MARKED_LINE) {
            return new Pair(left, right);
        }
        List<String> x = List.of(WORDS.split(left.text(), -1));
        List<String> y = List.of(WORDS.split(right.text(), -1));
        List<Mark> mx = new ArrayList<>();
        List<Mark> my = new ArrayList<>();
        for (AbstractDelta<String> d : DiffUtils.diff(x, y).getDeltas()) {
            mark(mx, x, d.getSource().getPosition(), d.getSource().size());
            mark(my, y, d.getTarget().getPosition(), d.getTarget().size());
        }
        return new Pair(new Line(left.kind(), left.number(), left.text(), mx),
                new Line(right.kind(), right.number(), right.text(), my));
    }

    private static void mark(List<Mark> marks, List<String> words, int from, int count) {
        if (count == 0) {
            return;
        }
        int start = 0;
        for (int k = 0; k < from; k++) {
            start += words.get(k).length();
        }
        int end = start;
        for (int k = from; k < from + count; k++) {
            end += words.get(k).length();
        }
        if (end > start) {
            marks.add(new Mark(start, end));
        }
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : text.lines().toList();
    }

    public List<Pair> sideBySide() {
        return pairs;
    }

    /** The same rows, unified: each change's removed lines first, then the lines that replace them. */
    public List<Unified> unified() {
        List<Unified> out = new ArrayList<>(pairs.size());
        List<Unified> added = new ArrayList<>();
        for (Pair p : pairs) {
            Line l = p.left();
            Line r = p.right();
            if (l.kind() == Kind.REMOVED || r.kind() == Kind.ADDED) {
                if (l.kind() == Kind.REMOVED) {
                    out.add(new Unified(Kind.REMOVED, l.number(), null, l.text(), l.marks()));
                }
                if (r.kind() == Kind.ADDED) {
                    added.add(new Unified(Kind.ADDED, null, r.number(), r.text(), r.marks()));
                }
                continue;
            }
            out.addAll(added);
            added.clear();
            out.add(new Unified(l.kind(), l.number(), r.number(), l.text(), List.of()));
        }
        out.addAll(added);
        return out;
    }
}
