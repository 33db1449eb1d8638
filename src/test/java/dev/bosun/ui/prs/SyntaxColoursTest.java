package dev.bosun.ui.prs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.ui.prs.SyntaxColours.Span;
import org.junit.jupiter.api.Test;

class SyntaxColoursTest {
    @Test
    void aJavaLineHasItsKeywordsStringsNumbersAndCommentColoured() {
        String line = "return \"if\" + 42; // done";
        assertThat(SyntaxColours.of("src/App.java", line)).containsExactly(
                new Span(0, 6, "syntax-keyword"), new Span(7, 11, "syntax-string"), new Span(14, 16, "syntax-number"),
                new Span(18, 25, "syntax-comment"));
    }

    @Test
    void aPythonCommentIsAHashAndAnUnknownKindIsPlain() {
        assertThat(SyntaxColours.of("tool.py", "def f(): # x")).containsExactly(new Span(0, 3, "syntax-keyword"),
                new Span(9, 12, "syntax-comment"));
        assertThat(SyntaxColours.of("notes.txt", "return 1")).isEmpty();
    }
}
