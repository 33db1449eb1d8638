package dev.bosun.ui.prs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.ui.prs.DiffRows.Kind;
import dev.bosun.ui.prs.DiffRows.Mark;
import dev.bosun.ui.prs.DiffRows.Unified;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The lines a diff view shows, from two versions of a file: numbers, order, folds and the changed words. */
class DiffRowsTest {
    private static String lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }

    @Test
    void unifiedShowsEachChangeAsItsRemovedLinesThenTheirReplacementsWithBothNumbers() {
        String before = "a\nb\nc\nd\n";
        String after = "a\nB\nC\nnew\nd\n";
        List<Unified> u = DiffRows.of(before, after, true).unified();
        assertThat(u).extracting(Unified::kind, Unified::oldNumber, Unified::newNumber, Unified::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.SAME, 1, 1, "a"),
                org.assertj.core.groups.Tuple.tuple(Kind.REMOVED, 2, null, "b"),
                org.assertj.core.groups.Tuple.tuple(Kind.REMOVED, 3, null, "c"),
                org.assertj.core.groups.Tuple.tuple(Kind.ADDED, null, 2, "B"),
                org.assertj.core.groups.Tuple.tuple(Kind.ADDED, null, 3, "C"),
                org.assertj.core.groups.Tuple.tuple(Kind.ADDED, null, 4, "new"),
                org.assertj.core.groups.Tuple.tuple(Kind.SAME, 4, 5, "d"));
    }

    @Test
    void sideBySidePairsARemovedLineWithItsReplacementAndPadsTheShorterSide() {
        var pairs = DiffRows.of("a\nb\nd\n", "a\nB\nC\nd\n", true).sideBySide();
        assertThat(pairs).hasSize(4);
        assertThat(pairs.get(1).left().text()).isEqualTo("b");
        assertThat(pairs.get(1).right().text()).isEqualTo("B");
        assertThat(pairs.get(2).left().kind()).isEqualTo(Kind.EMPTY);
        assertThat(pairs.get(2).left().number()).isNull();
        assertThat(pairs.get(2).right()).extracting(DiffRows.Line::kind, DiffRows.Line::number)
                .containsExactly(Kind.ADDED, 3);
        assertThat(pairs.get(3).left().number()).isEqualTo(3);
        assertThat(pairs.get(3).right().number()).isEqualTo(4);
    }

    @Test
    void longUnchangedRunsFoldToThreeLinesOfContextAndSayHowManyTheyHide() {
        String before = lines(1, 100);
        String after = before.replace("line 50\n", "line fifty\n");
        List<Unified> u = DiffRows.of(before, after, true).unified();
        // fold(46) + 3 context + removed + added + 3 context + fold(47)
        assertThat(u).hasSize(10);
        assertThat(u.get(0).kind()).isEqualTo(Kind.FOLD);
        assertThat(u.get(0).text()).isEqualTo("⋯ 46 unchanged lines");
        assertThat(u.get(1).oldNumber()).isEqualTo(47);
        assertThat(u.get(9).text()).isEqualTo("⋯ 47 unchanged lines");
        assertThat(DiffRows.of(before, after, false).unified()).as("the whole file").hasSize(101)
                .noneMatch(l -> l.kind() == Kind.FOLD);
    }

    @Test
    void theWordsThatChangedAreMarkedOnBothSides() {
        var pair = DiffRows.of("int a = 1;\n", "int a = 10;\n", true).sideBySide().get(0);
        assertThat(pair.left().marks()).containsExactly(new Mark(8, 9));
        assertThat(pair.right().marks()).containsExactly(new Mark(8, 10));
    }

    @Test
    void anAddedFileIsAllAddedAndAnEmptyOneIsNothing() {
        assertThat(DiffRows.of("", "x\ny\n", true).unified()).extracting(Unified::kind)
                .containsExactly(Kind.ADDED, Kind.ADDED);
        assertThat(DiffRows.of("", "", true).unified()).isEmpty();
    }
}
