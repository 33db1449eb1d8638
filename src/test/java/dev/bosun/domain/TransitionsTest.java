package dev.bosun.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bosun.domain.StateMachine.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (from, to) pair of every state machine, against a table written out here by hand: a change to the machines
 * that is not also made here fails.
 */
class TransitionsTest {

    private static final Map<StateMachine<?>, String> EXPECTED = Map.of(
            Transitions.SESSION, """
                    queued -> starting waiting_capacity waiting_user canceled failed
                    waiting_capacity -> queued starting canceled failed
                    starting -> running queued waiting_user failed canceled
                    running -> waiting_user queued idle succeeded failed canceled
                    idle -> queued succeeded failed canceled
                    waiting_user -> running queued succeeded failed canceled
                    """,
            Transitions.OBJECTIVE, """
                    active -> waiting_user succeeded failed canceled
                    waiting_user -> active succeeded failed canceled
                    """,
            Transitions.WORKSPACE, """
                    preparing -> ready failed
                    ready -> dirty archived
                    dirty -> ready archived
                    failed -> archived
                    """,
            Transitions.PULL_REQUEST, """
                    draft -> open closed merged
                    open -> draft closed merged
                    closed -> open
                    """,
            Transitions.QUESTION, """
                    open -> answered canceled
                    """,
            Transitions.TARGET, """
                    online -> offline draining disabled removed
                    offline -> online disabled removed
                    draining -> online offline disabled removed
                    disabled -> online removed
                    """);

    static Stream<Arguments> everyPair() {
        List<Arguments> cases = new ArrayList<>();
        EXPECTED.forEach((machine, table) -> {
            Map<String, Set<String>> allowed = table.lines().map(String::strip).filter(l -> !l.isEmpty())
                    .collect(Collectors.toMap(l -> l.split(" -> ")[0],
                            l -> Set.of(l.split(" -> ")[1].split(" "))));
            Status[] all = (Status[]) machine.type().getEnumConstants();
            for (Status from : all) {
                for (Status to : all) {
                    Verdict expected = from == to ? Verdict.SAME
                            : from.terminal() ? Verdict.IGNORED_TERMINAL
                            : allowed.getOrDefault(from.wire(), Set.of()).contains(to.wire()) ? Verdict.APPLY
                            : Verdict.REFUSED;
                    cases.add(Arguments.of(machine.entity() + " " + from.wire() + " -> " + to.wire(), machine, from,
                            to, expected));
                }
            }
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {4}")
    @MethodSource("everyPair")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void verdictMatchesTheTable(String name, StateMachine machine, Status from, Status to, Verdict expected) {
        assertThat(machine.check((Enum) from, (Enum) to)).isEqualTo(expected);
    }

    @Test
    void terminalStatusesHaveNoExits() {
        for (StateMachine<?> machine : EXPECTED.keySet()) {
            for (Object s : machine.type().getEnumConstants()) {
                if (((Status) s).terminal()) {
                    assertThat(targetsOf(machine, s)).as(machine.entity() + " " + s).isEmpty();
                }
            }
        }
    }

    @Test
    void everyNonTerminalStatusCanReachATerminalOne() {
        for (StateMachine<?> machine : EXPECTED.keySet()) {
            for (Object s : machine.type().getEnumConstants()) {
                if (!((Status) s).terminal()) {
                    assertThat(reachesTerminal(machine, s, new java.util.HashSet<>()))
                            .as(machine.entity() + " " + s + " can end").isTrue();
                }
            }
        }
    }

    @Test
    void lateCompletionAfterCancelIsIgnored() {
        assertThat(Transitions.SESSION.check(SessionStatus.CANCELED, SessionStatus.SUCCEEDED))
                .isEqualTo(Verdict.IGNORED_TERMINAL);
        assertThat(Transitions.OBJECTIVE.check(ObjectiveStatus.CANCELED, ObjectiveStatus.SUCCEEDED))
                .isEqualTo(Verdict.IGNORED_TERMINAL);
    }

    @Test
    void aTableCannotGiveATerminalStatusAnExit() {
        assertThatThrownBy(() -> StateMachine.of("question", QuestionStatus.class)
                .allow(QuestionStatus.ANSWERED, QuestionStatus.OPEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("terminal");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Set<?> targetsOf(StateMachine machine, Object s) {
        return machine.targetsOf((Enum) s);
    }

    private static boolean reachesTerminal(StateMachine<?> machine, Object s, Set<Object> seen) {
        if (((Status) s).terminal()) {
            return true;
        }
        if (!seen.add(s)) {
            return false;
        }
        return targetsOf(machine, s).stream().anyMatch(t -> reachesTerminal(machine, t, seen));
    }

    @Test
    void wireNamesRoundTrip() {
        for (SessionStatus s : SessionStatus.values()) {
            assertThat(WireNames.parse(SessionStatus.class, s.wire())).isEqualTo(s);
        }
        assertThat(Arrays.stream(SessionStatus.values()).map(Status::wire)).contains("waiting_user");
        assertThatThrownBy(() -> WireNames.parse(SessionStatus.class, "done"))
                .hasMessageContaining("unknown SessionStatus 'done'");
    }
}
