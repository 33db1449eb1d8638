package dev.bosun.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every executor must do, run against the local machine and against a real sshd on loopback. */
abstract class ExecutorContract {
    @TempDir
    Path dir;

    abstract Executor executor();

    /** True while a process with this pid exists where the executor runs. */
    boolean exists(long pid) throws Exception {
        return executor().run(Command.of("kill", "-0", Long.toString(pid))).exitCode() == 0;
    }

    /** Waits until no process with this pid exists where the executor runs. */
    void waitUntilGone(long pid) {
        waitFor(() -> {
            try {
                return !exists(pid);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "process " + pid + " is gone");
    }

    static void waitFor(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000); // between probes, leave the cores to the work
        }
    }

    @Test
    void runsAndReportsExitCodeStdoutAndStderr() throws Exception {
        Result r = executor().run(Command.of("sh", "-c", "echo out; echo err >&2; exit 3"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).endsWith("err\n");
        assertThat(r.ok()).isFalse();
        assertThat(r.firstErrorLine()).isEqualTo("err");
    }

    @Test
    void feedsStdinAndRunsInTheWorkingDirectoryWithTheEnvironment() throws Exception {
        assertThat(executor().run(Command.of("cat").withStdin("hello\nworld\n")).stdout()).isEqualTo("hello\nworld\n");
        Path work = Files.createDirectories(dir.resolve("a folder with 'quotes'"));
        assertThat(executor().run(Command.of("pwd").in(work.toString())).stdout().strip()).isEqualTo(work.toString());
        String hostile = "$(touch /tmp/bosun-pwned) it's `x`";
        assertThat(executor().run(Command.of("sh", "-c", "printf %s \"$BOSUN_X\"")
                .withEnv(Map.of("BOSUN_X", hostile))).stdout()).isEqualTo(hostile);
    }

    @Test
    void theEnvironmentReachesTheProcessInNoCommandLineAndItsInputFollowsWhole() throws Exception {
        String secret = "sk-" + java.util.UUID.randomUUID();
        List<String> out = new CopyOnWriteArrayList<>();
        Running p = executor().start(new Command(List.of("sh", "-c", "printf '%s\\n' \"$BOSUN_SECRET\"; cat"), null,
                Map.of("BOSUN_SECRET", secret, "BOSUN_OTHER", "it's $(x)"), "first line\n", Duration.ofMinutes(1)), true,
                out::add, line -> { });
        p.write("second line");
        waitFor(() -> out.size() == 3, "the secret and both lines");
        assertThat(out).containsExactly(secret, "first line", "second line");
        // every process here, and the test host's (it shares this machine's pid namespace)
        assertThat(commandLinesContaining(secret)).isEmpty();
        p.closeInput();
        assertThat(p.exit().get(20, TimeUnit.SECONDS)).isZero();
    }

    static List<String> commandLinesContaining(String text) throws java.io.IOException {
        List<String> found = new java.util.ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                try {
                    String line = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
                    if (line.contains(text)) {
                        found.add(proc.getFileName() + ": " + line);
                    }
                } catch (java.io.IOException | java.io.UncheckedIOException e) {
                    // not a process, or it has just exited
                }
            }
        }
        return found;
    }

    @Test
    void hostileArgumentsArriveVerbatimAndRunNothing() throws Exception {
        Files.deleteIfExists(Path.of("/tmp/bosun-pwned"));
        for (String word : HostileStrings.ALL) {
            assertThat(executor().run(Command.of("printf", "%s", word)).stdout()).as(word).isEqualTo(word);
        }
        assertThat(executor().run(Command.of("test", "-e", "/tmp/bosun-pwned")).exitCode()).isNotZero();
    }

    /** A 3 MB line (an agent's flood) arrives cut to 64 KiB with a marker; the lines after it arrive whole. */
    @Test
    void aHugeLineIsCutAndMarkedAndTheNextLinesArriveWhole() throws Exception {
        List<String> out = new CopyOnWriteArrayList<>();
        Running p = executor().start(Command.of("sh", "-c", "head -c 3000000 /dev/zero | tr '\\0' x; echo; "
                + "printf 'next\\r\\nlast'"), false, out::add, line -> { });
        assertThat(p.exit().get(60, TimeUnit.SECONDS)).isZero();
        waitFor(() -> out.contains("last"), "the last line");
        assertThat(out.get(0)).startsWith("x".repeat(BoundedLines.MAX))
                .endsWith(" … [" + (3_000_000 - BoundedLines.MAX) + " more characters of this line cut]")
                .hasSizeLessThan(BoundedLines.MAX + 100);
        assertThat(out.subList(1, out.size())).containsExactly("next", "last");
    }

    @Test
    void aTimeoutKillsTheWholeTree() throws Exception {
        Result r = executor().run(Command.of("sh", "-c", "sleep 300 & echo $!; wait")
                .withTimeout(Duration.ofSeconds(2)));
        assertThat(r.timedOut()).isTrue();
        long child = Long.parseLong(r.stdout().strip());
        waitUntilGone(child);
    }

    @Test
    void aStartedProcessStreamsItsOutputAndCancelKillsItsWholeTree() throws Exception {
        List<String> out = new CopyOnWriteArrayList<>();
        Running p = executor().start(Command.of("sh", "-c", "sleep 300 & echo $!; echo started; wait"), false,
                out::add, line -> { });
        waitFor(() -> out.contains("started"), "the process printed 'started'");
        long child = Long.parseLong(out.get(0));
        assertThat(exists(child)).isTrue();
        p.cancel();
        assertThat(p.exit().get(20, TimeUnit.SECONDS)).isNotZero();
        waitUntilGone(child);
    }

    @Test
    void anInteractiveProcessReadsLinesUntilItsInputCloses() throws Exception {
        List<String> out = new CopyOnWriteArrayList<>();
        Running p = executor().start(Command.of("cat"), true, out::add, line -> { });
        p.write("{\"type\":\"user\",\"text\":\"it's $(x)\"}");
        waitFor(() -> out.size() == 1, "the echo of the first line");
        p.write("second");
        waitFor(() -> out.size() == 2, "the echo of the second line");
        p.closeInput();
        assertThat(p.exit().get(20, TimeUnit.SECONDS)).isZero();
        assertThat(out).containsExactly("{\"type\":\"user\",\"text\":\"it's $(x)\"}", "second");
    }
    /**
     * An agent in the sandbox works in its checkout and reaches its CLI's folders and the program installed under
     * its home; it cannot read Bosun's folders, another checkout, the rest of the home, the real {@code /tmp} or
     * another process's environment. Made on the target (a test host has its own home and folders).
     */
    @Test
    void anAgentInTheSandboxSeesItsCheckoutAndItsCliAndNothingOfBosunsOrTheOperators() throws Exception {
        String t = scratchUnderHome();
        String home = t + "/home";
        String mine = t + "/work/mine";
        assertThat(executor().run(Command.of("sh", "-c", """
                set -e; t=$1; mkdir -p $t/home/.ssh $t/home/.claude $t/home/tools/lib $t/home/tools/bin $t/data \
                  $t/work/mine $t/work/other $t/cli-config
                echo key > $t/home/.ssh/id_ed25519; echo db > $t/data/bosun.db; echo theirs > $t/work/other/file
                echo 'echo "helper ran"' > $t/home/tools/lib/helper.sh
                printf '%s\n' '#!/bin/sh' '. "$(dirname "$(readlink -f "$0")")/helper.sh"' \
                  'for f in "$T/home/.ssh/id_ed25519" "$T/data/bosun.db" "$T/work/other/file" /tmp/outside; do' \
                  '  cat "$f" 2>/dev/null && echo "LEAK $f"; done' \
                  'grep -ls BOSUN_OUTSIDE /proc/[0-9]*/environ | grep -q . && echo "LEAK environ"' \
                  'echo "processes $(ls /proc | grep -c "^[0-9]")"' \
                  'echo made > made; echo conf > "$HOME/.claude/state"; echo conf > "$CLAUDE_CONFIG_DIR/state"' \
                  'echo "in $(pwd)"' > $t/home/tools/lib/agent.sh
                chmod +x $t/home/tools/lib/agent.sh; ln -s ../lib/agent.sh $t/home/tools/bin/agent
                echo outside > /tmp/outside
                """, "setup", t)).exitCode()).isZero();
        Running neighbour = executor().start(new Command(List.of("sleep", "300"), null,
                Map.of("BOSUN_OUTSIDE", "its-token"), null, null), false, line -> { }, line -> { });
        try {
            List<String> out = new CopyOnWriteArrayList<>();
            List<String> err = new CopyOnWriteArrayList<>();
            Sandbox sandbox = new Sandbox(List.of(t + "/data", t + "/work"));
            Running agent = sandbox.around(executor()).start(new Command(List.of("agent"), mine, Map.of("HOME", home,
                    "T", t, "PATH", home + "/tools/bin:/usr/bin:/bin", "CLAUDE_CONFIG_DIR", t + "/cli-config"),
                    null, Duration.ofMinutes(1)).asAgent(), false, out::add, err::add);
            assertThat(agent.exit().get(60, TimeUnit.SECONDS)).as("stderr: %s", err).isZero();
            waitFor(() -> out.stream().anyMatch(l -> l.startsWith("in ")), "the agent's last line");
            assertThat(out).as("stderr: %s", err).noneMatch(l -> l.startsWith("LEAK"))
                    .contains("helper ran", "in " + mine);
            int processes = Integer.parseInt(out.stream().filter(l -> l.startsWith("processes ")).findFirst()
                    .orElseThrow().substring("processes ".length()));
            assertThat(processes).as("the processes it sees: its own").isLessThanOrEqualTo(6); // bwrap, the agent, this line's shell, ls, grep
            // its CLI's folder is the one its environment names; ~/.claude, unused then, is not shown
            assertThat(executor().run(Command.of("cat", mine + "/made", t + "/cli-config/state")).stdout())
                    .isEqualTo("made\nconf\n");
            assertThat(executor().run(Command.of("test", "-e", home + "/.claude/state")).ok()).isFalse();
            assertThat(executor().run(Command.of("cat", "/tmp/outside")).stdout()).isEqualTo("outside\n");
        } finally {
            neighbour.cancel();
            executor().run(Command.of("rm", "-rf", "--", t));
        }
    }
    /**
     * Signed in with a key, an agent gets a CLI folder of its own, in its checkout's .git: it reads the operator's
     * settings, cannot change them (nor plant anything the operator's own CLI would run), and what it writes stays
     * with its checkout.
     */
    @Test
    void anAgentSignedInWithAKeyHasACliFolderOfItsOwnAndCannotChangeTheOperators() throws Exception {
        String t = scratchUnderHome();
        String home = t + "/home";
        String mine = t + "/work/mine";
        assertThat(executor().run(Command.of("sh", "-c", """
                set -e; t=$1; mkdir -p $t/home/.claude/agents $t/work/mine/.git $t/home/tools/bin
                echo '{"model":"operators"}' > $t/home/.claude/settings.json; echo '{}' > $t/home/.claude.json
                printf '%s\n' '#!/bin/sh' 'cat "$CLAUDE_CONFIG_DIR/settings.json"' \
                  'echo "{\\"hooks\\":1}" > "$CLAUDE_CONFIG_DIR/settings.json" || echo "settings read-only"' \
                  'mkdir -p "$CLAUDE_CONFIG_DIR/projects" && echo session > "$CLAUDE_CONFIG_DIR/projects/s.jsonl"' \
                  'mkdir -p "$HOME/.claude" && echo planted > "$HOME/.claude/settings.json"' \
                  'echo planted > "$HOME/.claude.json"; echo "config $CLAUDE_CONFIG_DIR"' > $t/home/tools/bin/agent
                chmod +x $t/home/tools/bin/agent
                """, "setup", t)).exitCode()).isZero();
        try {
            List<String> out = new CopyOnWriteArrayList<>();
            List<String> err = new CopyOnWriteArrayList<>();
            Running agent = new Sandbox(List.of(t + "/work")).around(executor()).start(new Command(List.of("agent"),
                    mine, Map.of("HOME", home, "PATH", home + "/tools/bin:/usr/bin:/bin", "ANTHROPIC_API_KEY",
                    "sk-test"), null, Duration.ofMinutes(1)).asAgent(), false, out::add, err::add);
            assertThat(agent.exit().get(60, TimeUnit.SECONDS)).as("stderr: %s", err).isZero();
            waitFor(() -> out.stream().anyMatch(l -> l.startsWith("config ")), "the agent's last line");
            assertThat(out).as("stderr: %s", err).contains("{\"model\":\"operators\"}", "settings read-only",
                    "config " + mine + "/.git/bosun-agent/claude");
            assertThat(executor().run(Command.of("cat", home + "/.claude/settings.json", home + "/.claude.json",
                    mine + "/.git/bosun-agent/claude/projects/s.jsonl")).stdout())
                    .isEqualTo("{\"model\":\"operators\"}\n{}\nsession\n");
        } finally {
            executor().run(Command.of("rm", "-rf", "--", t));
        }
    }

    /** A fresh folder under the target's home: not in /tmp, which the sandbox hides whole. */
    private String scratchUnderHome() throws Exception {
        return executor().run(Command.of("sh", "-c", "mktemp -d \"$HOME/.bosun-sandbox-test.XXXXXX\"")).stdout()
                .strip();
    }
}
