package dev.bosun.ui.prs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Colours for a line of code by the file's kind (its extension): keywords, strings, comments and numbers, line by
 * line (a block comment that spans lines is coloured on its first line only: a diff shows lines out of their file).
 * The spans are style classes the diff view's stylesheet colours.
 */
public final class SyntaxColours {
    public record Span(int start, int end, String styleClass) {}

    private static final String C_LIKE = "abstract|break|case|catch|class|const|continue|default|do|else|enum|"
            + "extends|final|finally|for|if|implements|import|interface|new|package|private|protected|public|return|"
            + "static|super|switch|this|throw|throws|try|void|while|var|let|function|async|await|yield|record|"
            + "struct|fn|impl|pub|use|mod|match|func|go|defer|type|typeof|instanceof|null|true|false|nil|self|"
            + "boolean|int|long|char|byte|short|double|float|string|bool|export|from|of|in|mut|where|trait";
    private static final String PYTHON = "and|as|assert|async|await|break|class|continue|def|del|elif|else|except|"
            + "finally|for|from|global|if|import|in|is|lambda|nonlocal|not|or|pass|raise|return|try|while|with|yield|"
            + "None|True|False|self";
    private static final String SHELL = "if|then|else|elif|fi|for|while|until|do|done|case|esac|in|function|"
            + "return|local|export|readonly|set|unset|shift|exit|trap|echo|cd";
    private static final Map<String, Pattern> BY_KIND = Map.of(
            "c", pattern(C_LIKE, "//|/\\*", true),
            "python", pattern(PYTHON, "#", false),
            "shell", pattern(SHELL, "#", false));
    private static final Map<String, String> KIND_OF = kinds();

    private SyntaxColours() {}

    private static Map<String, String> kinds() {
        Map<String, String> m = new java.util.HashMap<>();
        for (String e : Set.of("java", "kt", "kts", "scala", "groovy", "gradle", "js", "mjs", "cjs", "jsx", "ts",
                "tsx", "go", "rs", "c", "h", "cc", "cpp", "hpp", "cs", "swift", "dart", "php")) {
            m.put(e, "c");
        }
        for (String e : Set.of("py", "pyi", "rb", "toml", "yaml", "yml", "properties", "conf")) {
            m.put(e, "python");
        }
        for (String e : Set.of("sh", "bash", "zsh")) {
            m.put(e, "shell");
        }
        return Map.copyOf(m);
    }

    private static Pattern pattern(String keywords, String comment, boolean blockComments) {
        return Pattern.compile("(?<comment>(?:" + comment + ").*$)"
                + "|(?<string>\"(?:[^\"\\\\]|\\\\.)*\"?|'(?:[^'\\\\]|\\\\.)*'?" + (blockComments ? "|`[^`]*`?" : "")
                + ")|(?<number>\\b\\d[\\d_]*(?:\\.\\d+)?[lLfFdD]?\\b)|(?<keyword>\\b(?:" + keywords + ")\\b)");
    }

    /** The coloured spans of {@code line} of a file named {@code path}; none for a kind it does not know. */
    public static List<Span> of(String path, String line) {
        int dot = path.lastIndexOf('.');
        String kind = dot < 0 ? (path.endsWith("Makefile") ? "shell" : null) : KIND_OF.get(path.substring(dot + 1)
                .toLowerCase(java.util.Locale.ROOT));
        Pattern p = kind == null ? null : BY_KIND.get(kind);
        if (p == null || line.length() > 2_000) {
            return List.of();
        }
        List<Span> out = new ArrayList<>();
        Matcher m = p.matcher(line);
        while (m.find()) {
            String cls = m.group("comment") != null ? "syntax-comment" : m.group("string") != null ? "syntax-string"
                    : m.group("number") != null ? "syntax-number" : "syntax-keyword";
            if (m.end() > m.start()) {
                out.add(new Span(m.start(), m.end(), cls));
            }
        }
        return out;
    }
}
