package dev.bosun.ui.prs;

import dev.bosun.ui.prs.DiffRows.Kind;
import dev.bosun.ui.prs.DiffRows.Mark;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.model.ReadOnlyStyledDocument;
import org.fxmisc.richtext.model.ReadOnlyStyledDocumentBuilder;
import org.fxmisc.richtext.model.SegmentOps;
import org.fxmisc.richtext.model.StyledSegment;

/**
 * A file's diff in read-only RichTextFX areas (virtualized: only the visible lines are laid out, so a 5,000-line
 * diff opens at once): one area unified, or two side by side that scroll together. Each line carries its numbers in
 * the gutter, its kind as a paragraph style and its syntax colours and changed words as text styles. The documents
 * are built off the FX thread ({@link #render}); {@link #show} puts one in place.
 */
public final class DiffView {
    /** A built diff, ready to show: the documents and, per line, its gutter text and what a comment on it names. */
    public record Rendered(List<ReadOnlyStyledDocument<Collection<String>, String, Collection<String>>> documents,
            List<List<String>> gutters, List<List<LineRef>> lines) {}

    /** What a line is, for a comment on it: its number in its version, whether that is the base, and its text. */
    public record LineRef(Integer number, boolean onBase, String text) {}

    private final SplitPane pane = new SplitPane();
    private final List<StyleClassedTextArea> areas = new ArrayList<>();
    private Rendered shown;
    private int lastSide; // the side last focused: a comment's button takes the focus from it

    public DiffView() {
        pane.setOrientation(Orientation.HORIZONTAL);
        pane.getStyleClass().add("diff-view");
    }

    public Node node() {
        return pane;
    }

    /** Builds the documents for {@code rows} of the file at {@code path}: pure, on any thread. */
    public static Rendered render(DiffRows rows, String path, boolean sideBySide) {
        if (!sideBySide) {
            var doc = builder();
            List<String> gutter = new ArrayList<>();
            List<LineRef> refs = new ArrayList<>();
            for (DiffRows.Unified u : rows.unified()) {
                doc.addParagraph(segments(path, u.kind(), u.text(), u.marks()), List.of(paragraphClass(u.kind())));
                gutter.add(number(u.oldNumber()) + " " + number(u.newNumber()) + " " + sign(u.kind()));
                refs.add(u.kind() == Kind.REMOVED ? new LineRef(u.oldNumber(), true, u.text())
                        : new LineRef(u.newNumber(), false, u.text()));
            }
            return new Rendered(List.of(build(doc)), List.of(gutter), List.of(refs));
        }
        var left = builder();
        var right = builder();
        List<String> leftGutter = new ArrayList<>();
        List<String> rightGutter = new ArrayList<>();
        List<LineRef> leftRefs = new ArrayList<>();
        List<LineRef> rightRefs = new ArrayList<>();
        for (DiffRows.Pair p : rows.sideBySide()) {
            left.addParagraph(segments(path, p.left().kind(), p.left().text(), p.left().marks()),
                    List.of(paragraphClass(p.left().kind())));
            right.addParagraph(segments(path, p.right().kind(), p.right().text(), p.right().marks()),
                    List.of(paragraphClass(p.right().kind())));
            leftGutter.add(number(p.left().number()) + " " + sign(p.left().kind()));
            rightGutter.add(number(p.right().number()) + " " + sign(p.right().kind()));
            leftRefs.add(new LineRef(p.left().number(), true, p.left().text()));
            rightRefs.add(new LineRef(p.right().number(), false, p.right().text()));
        }
        return new Rendered(List.of(build(left), build(right)), List.of(leftGutter, rightGutter),
                List.of(leftRefs, rightRefs));
    }

    private static ReadOnlyStyledDocumentBuilder<Collection<String>, String, Collection<String>> builder() {
        return new ReadOnlyStyledDocumentBuilder<>(SegmentOps.styledTextOps(), List.of());
    }

    private static ReadOnlyStyledDocument<Collection<String>, String, Collection<String>> build(
            ReadOnlyStyledDocumentBuilder<Collection<String>, String, Collection<String>> b) {
        try {
            return b.build();
        } catch (IllegalStateException empty) { // a builder with no paragraph: an empty file
            return ReadOnlyStyledDocument.fromString("", List.of(), List.of(), SegmentOps.styledTextOps());
        }
    }

    /** FX thread: shows a rendered diff in place of the one shown. */
    public void show(Rendered rendered) {
        shown = rendered;
        areas.clear();
        lastSide = rendered.documents().size() - 1; // the head's side, until the other is clicked
        List<Node> panes = new ArrayList<>();
        for (int side = 0; side < rendered.documents().size(); side++) {
            StyleClassedTextArea area = new StyleClassedTextArea(false);
            area.setEditable(false);
            area.getStyleClass().add("diff-text");
            area.setId(rendered.documents().size() == 1 ? "diffUnified" : side == 0 ? "diffBase" : "diffHead");
            area.replace(rendered.documents().get(side));
            List<String> gutter = rendered.gutters().get(side);
            area.setParagraphGraphicFactory(i -> {
                Label l = new Label(i < gutter.size() ? gutter.get(i) : "");
                l.getStyleClass().add("diff-gutter");
                return l;
            });
            area.moveTo(0);
            area.requestFollowCaret();
            int thisSide = side;
            area.focusedProperty().addListener((o, was, now) -> {
                if (now) {
                    lastSide = thisSide;
                }
            });
            areas.add(area);
            panes.add(new VirtualizedScrollPane<>(area));
        }
        if (areas.size() == 2) { // side by side: the two sides scroll as one
            areas.get(0).estimatedScrollYProperty().bindBidirectional(areas.get(1).estimatedScrollYProperty());
        }
        pane.getItems().setAll(panes);
    }

    /** The line the caret is on in the side last clicked, for a comment; empty on a fold, padding or nothing. */
    public java.util.Optional<LineRef> currentLine() {
        if (shown == null || areas.isEmpty()) {
            return java.util.Optional.empty();
        }
        int i = areas.get(lastSide).getCurrentParagraph();
        List<LineRef> refs = shown.lines().get(lastSide);
        return i < refs.size() && refs.get(i).number() != null ? java.util.Optional.of(refs.get(i))
                : java.util.Optional.empty();
    }

    /** The text areas shown, base first (one when unified). */
    public List<StyleClassedTextArea> areas() {
        return List.copyOf(areas);
    }

    private static String number(Integer n) {
        String s = n == null ? "" : n.toString();
        return " ".repeat(Math.max(0, 5 - s.length())) + s;
    }

    private static String sign(Kind kind) {
        return switch (kind) {
            case ADDED -> "+";
            case REMOVED -> "−";
            default -> " ";
        };
    }

    private static String paragraphClass(Kind kind) {
        return switch (kind) {
            case ADDED -> "diff-added";
            case REMOVED -> "diff-removed";
            case FOLD -> "diff-fold";
            case EMPTY -> "diff-empty";
            case SAME -> "diff-same";
        };
    }

    /** The line cut into runs of equal style: its syntax colours, and the changed words marked. */
    private static List<StyledSegment<String, Collection<String>>> segments(String path, Kind kind, String text,
            List<Mark> marks) {
        if (text.isEmpty() || kind == Kind.FOLD) {
            return List.of(new StyledSegment<>(text, kind == Kind.FOLD ? List.of("diff-fold-text") : List.of()));
        }
        String[] syntax = new String[text.length()];
        for (SyntaxColours.Span s : SyntaxColours.of(path, text)) {
            java.util.Arrays.fill(syntax, s.start(), s.end(), s.styleClass());
        }
        boolean[] changed = new boolean[text.length()];
        for (Mark m : marks) {
            java.util.Arrays.fill(changed, m.start(), Math.min(m.end(), text.length()), true);
        }
        List<StyledSegment<String, Collection<String>>> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || changed[i] != changed[start] || !java.util.Objects.equals(syntax[i],
                    syntax[start])) {
                List<String> classes = new ArrayList<>(2);
                if (syntax[start] != null) {
                    classes.add(syntax[start]);
                }
                if (changed[start]) {
                    classes.add(kind == Kind.REMOVED ? "diff-word-removed" : "diff-word-added");
                }
                out.add(new StyledSegment<>(text.substring(start, i), classes));
                start = i;
            }
        }
        return out;
    }
}
