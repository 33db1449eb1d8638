package dev.bosun.app;

import static dev.bosun.app.ClaudeEndToEndTest.objective;
import static dev.bosun.app.ClaudeEndToEndTest.sessions;
import static dev.bosun.app.ClaudeEndToEndTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bosun.domain.AgentKind;
import dev.bosun.domain.AuditEvent;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.ObjectiveStatus;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.Target;
import dev.bosun.domain.TargetStatus;
import dev.bosun.engine.TargetOperations;
import dev.bosun.exec.SshTarget;
import dev.bosun.testing.TcpProxy;
import dev.bosun.testing.TestSshd;
import dev.bosun.testing.Git;
import dev.bosun.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline demo agent, a separate JVM speaking MCP to Bosun, through the whole flow and through a poke. */
class DemoAgentEndToEndTest {
    @TempDir
    Path dir;
    Git git;
    Path origin;

    @BeforeEach
    void setUp() throws Exception {
        git = new Git(Files.createDirectories(dir.resolve("home")));
        origin = git.origin(dir);
    }

    Bosun start(Clock clock) throws Exception {
        // no Claude Code here, so the demo agent is the default
        return Bosun.start(new DataDirectory(dir.resolve("data")), clock,
                AgentSetup.claude(dir.resolve("no-claude").toString(), git.env(), git.env()), dir.resolve("known_hosts"));
    }

    @Test
    void withoutClaudeTheDemoAgentRunsTheWholeFlowToMergedPullRequests() throws Exception {
        try (Bosun bosun = start(Clock.systemUTC())) {
            assertThat(bosun.operations().defaultAgent()).isEqualTo(AgentKind.DEMO);
            assertThatThrownBy(() -> bosun.operations().createObjective(new ObjectiveDraft("x", "y", origin.toString(),
                    "main", AgentKind.CLAUDE)).get(10, TimeUnit.SECONDS))
                    .hasMessageContaining("Claude Code is not installed here").hasMessageContaining("npm install");
            Objective o = bosun.operations().createObjective(new ObjectiveDraft("Docs", "Write the docs:\n"
                    + "- a getting started page\n- a FAQ", origin.toString(), "main", null)).get(10, TimeUnit.SECONDS);
            assertThat(o.managerAgent()).isEqualTo(AgentKind.DEMO);

            List<PullRequest> prs = waitFor(Duration.ofSeconds(120), () -> {
                List<PullRequest> l = bosun.database().read(tx -> tx.pullRequests().forObjective(o.id()));
                return l.size() == 2 ? l : null;
            }, bosun, o);
            for (PullRequest pr : prs) {
                assertThat(git.run(origin, "ls-tree", "-r", "--name-only", pr.branch())).contains("demo/");
                bosun.operations().mergePullRequest(pr.id()).get(60, TimeUnit.SECONDS);
            }

            waitFor(Duration.ofSeconds(60), () -> objective(bosun, o).status() == ObjectiveStatus.SUCCEEDED ? true
                    : null, bosun, o);
            assertThat(git.run(origin, "ls-tree", "-r", "--name-only", "main")).contains("demo/a-getting-started-page")
                    .contains("demo/a-faq");
            for (var s : sessions(bosun, o)) { // the demo JVM's own log stays out of its protocol and transcript
                List<dev.bosun.domain.TranscriptEntry> lines = bosun.database().read(tx ->
                        tx.transcripts().after(s.id(), 0, 1000));
                assertThat(lines).noneMatch(t -> t.content().contains(" INFO "));
            }
            assertThat(sessions(bosun, o)).filteredOn(s -> s.role() == SessionRole.WORKER).hasSize(2)
                    .allMatch(s -> s.status() == SessionStatus.SUCCEEDED && s.resultSummary().startsWith("Wrote demo/"));
        }
    }

    @Test
    void aDemoManagerThatGoesQuietOnPurposeIsPokedAndThenSpawnsItsWorkers() throws Exception {
        ManualClock clock = new ManualClock();
        try (Bosun bosun = start(clock)) {
            Objective o = bosun.operations().createObjective(new ObjectiveDraft("Quiet", "Tidy up [demo:quiet]",
                    origin.toString(), "main", AgentKind.DEMO)).get(10, TimeUnit.SECONDS);
            waitFor(Duration.ofSeconds(60), () -> "idle (turn complete)".equals(sessions(bosun, o).get(0).activity())
                    ? true : null, bosun, o);
            assertThat(sessions(bosun, o)).hasSize(1);

            clock.advance(Duration.ofSeconds(120));

            waitFor(Duration.ofSeconds(60), () -> sessions(bosun, o).size() == 3 ? true : null, bosun, o);
            List<AuditEvent> trail = bosun.database().read(tx -> tx.audit().forObjective(o.id()));
            assertThat(trail).anyMatch(e -> e.type().equals("manager_poked"));
        }
    }

    @Test
    void closingBosunStopsItsAgentsAndTheNextStartResumesThem() throws Exception {
        Objective o;
        long pid;
        try (Bosun bosun = start(Clock.systemUTC())) {
            o = bosun.operations().createObjective(new ObjectiveDraft("Stay", "Hold on [demo:quiet]",
                    origin.toString(), "main", AgentKind.DEMO)).get(10, TimeUnit.SECONDS);
            waitFor(Duration.ofSeconds(60), () -> "idle (turn complete)".equals(sessions(bosun, o).get(0).activity())
                    ? true : null, bosun, o);
            pid = demoProcesses().findFirst().orElseThrow().pid();
        }
        // killed by the close; in its sandbox's pid namespace it is reaped by the machine's init once its own init
        // died with it, so its pid may stay a moment longer
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            assertThat(System.nanoTime()).as("the demo agent was stopped by the close").isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        try (Bosun bosun = start(Clock.systemUTC())) {
            // left running by the close, not failed: recovery starts the manager again
            assertThat(sessions(bosun, o).get(0).status()).isIn(SessionStatus.RUNNING, SessionStatus.QUEUED,
                    SessionStatus.STARTING);
            waitFor(Duration.ofSeconds(90), () -> demoProcesses().findAny().isPresent()
                    && sessions(bosun, o).get(0).status() == SessionStatus.RUNNING ? true : null, bosun, o);
            assertThat(sessions(bosun, o)).hasSize(1);
        }
    }

    /**
     * On a test host that is elsewhere (its work root is a tmpfs this machine does not see): the checkouts are made
     * there, the manager and the worker run there (not as processes of this Bosun), reach Bosun through the host's
     * reverse tunnel, and the worker's commit is pushed from there into a PR.
     */
    @Test
    void agentsOnAnSshTargetRunThereAndReachBosunThroughItsReverseTunnel() throws Exception {
        TestSshd.Host host = TestSshd.a();
        SshTarget ssh = host.target();
        String workRoot = host.freshWorkRoot();
        try (Bosun bosun = start(Clock.systemUTC())) {
            Target box = bosun.operations().targets().add(new TargetOperations.SshTargetSpec("box", ssh.host(),
                    ssh.user(), ssh.port(), ssh.identityFile(), workRoot, 4, ""))
                    .get(60, TimeUnit.SECONDS);
            String doctor = bosun.database().read(tx -> tx.targets().doctorReport(box.id()));
            assertThat(box.status()).as(doctor).isEqualTo(TargetStatus.ONLINE);
            String local = bosun.database().read(tx -> tx.targets().byName("local")).orElseThrow().id();
            bosun.operations().targets().setStatus(local, TargetStatus.DISABLED).get(10, TimeUnit.SECONDS);

            Objective o = bosun.operations().createObjective(new ObjectiveDraft("Remote", "Work remotely:\n"
                    + "- the one task", origin.toString(), "main", AgentKind.DEMO)).get(10, TimeUnit.SECONDS);
            waitFor(Duration.ofSeconds(120), () -> sessions(bosun, o).stream().anyMatch(s -> s.role()
                    == SessionRole.WORKER && s.status() == SessionStatus.RUNNING) ? true : null, bosun, o);
            assertThat(demoProcesses()).as("no agent runs as a process of this Bosun").isEmpty();
            assertThat(demoAgentsWorkingUnder(workRoot)).as("the agents run in their checkouts on the host")
                    .isNotEmpty();

            PullRequest pr = waitFor(Duration.ofSeconds(120), () -> bosun.database().read(tx ->
                    tx.pullRequests().forObjective(o.id())).stream().findFirst().orElse(null), bosun, o);
            assertThat(git.run(origin, "ls-tree", "-r", "--name-only", pr.branch())).contains("demo/the-one-task");
            assertThat(sessions(bosun, o)).hasSize(2).allMatch(s -> box.id().equals(s.targetId()));
            for (var s : sessions(bosun, o)) {
                String checkout = bosun.database().read(tx -> tx.workspaces().byId(s.workspaceId())).orElseThrow()
                        .path();
                assertThat(checkout).startsWith(workRoot);
                assertThat(host.has(checkout + "/.git")).as(checkout + " on the host").isTrue();
                assertThat(Path.of(checkout)).as(checkout + " here").doesNotExist();
            }

            // merged: the objective ends, and the GC reclaims both checkouts on the host
            bosun.operations().mergePullRequest(pr.id()).get(60, TimeUnit.SECONDS);
            waitFor(Duration.ofSeconds(60), () -> objective(bosun, o).status() == ObjectiveStatus.SUCCEEDED
                    && sessions(bosun, o).stream().allMatch(s -> s.status().terminal()) ? true : null, bosun, o);
            List<String> checkouts = sessions(bosun, o).stream().map(s -> bosun.database().read(tx ->
                    tx.workspaces().byId(s.workspaceId())).orElseThrow().path()).toList();
            waitFor(Duration.ofSeconds(60), () -> {
                bosun.operations().runGcNow().join();
                return checkouts.stream().noneMatch(host::has) ? true : null;
            }, bosun, o);
            assertThat(sessions(bosun, o)).allMatch(s -> bosun.database().read(tx -> tx.workspaces()
                    .byId(s.workspaceId())).orElseThrow().status() == dev.bosun.domain.WorkspaceStatus.ARCHIVED);
        }
    }

    /**
     * A host that stops answering (the network to it cut): the manager placed there waits for it, saying why, and
     * does not run here even once this machine takes sessions again; the host goes offline with the reason; once it
     * answers, the minute's re-examination brings it back and the manager starts there.
     */
    @Test
    void aSessionWhoseHostStopsAnsweringWaitsForItNotHereAndStartsThereOnceItAnswers() throws Exception {
        TestSshd.Host host = TestSshd.a();
        String workRoot = host.freshWorkRoot();
        ManualClock clock = new ManualClock();
        try (TcpProxy network = new TcpProxy(host.target().port()); Bosun bosun = start(clock)) {
            Target flaky = addBehind(bosun, host, network, workRoot);
            String local = bosun.database().read(tx -> tx.targets().byName("local")).orElseThrow().id();
            Objective o = managerOnACutHost(bosun, flaky, local, network);
            String report = bosun.database().read(tx -> tx.targets().doctorReport(flaky.id()));
            assertThat(report).contains("✗ connection").contains("refused");
            List<AuditEvent> trail = bosun.database().read(tx -> tx.audit().forObjective(o.id()));
            assertThat(trail).anyMatch(e -> e.summary().contains("flaky cannot be reached"));

            bosun.operations().targets().setStatus(local, TargetStatus.ONLINE).get(10, TimeUnit.SECONDS);
            waitFor(Duration.ofSeconds(60), () -> bosun.database().read(tx -> tx.audit().forObjective(o.id()))
                    .stream().anyMatch(e -> e.summary().contains("waiting for its target flaky, which is offline"))
                    ? true : null, bosun, o);
            assertThat(sessions(bosun, o)).singleElement().satisfies(s -> {
                assertThat(s.status()).isIn(SessionStatus.STARTABLE);
                assertThat(s.targetId()).isEqualTo(flaky.id());
            });
            assertThat(demoProcesses()).as("nothing runs here instead").isEmpty();

            network.restore();
            clock.advance(Duration.ofMinutes(1)); // the re-examination of offline hosts
            waitFor(Duration.ofSeconds(90), () -> sessions(bosun, o).get(0).status() == SessionStatus.RUNNING
                    ? true : null, bosun, o);
            assertThat(target(bosun, flaky).status()).isEqualTo(TargetStatus.ONLINE);
            // on the host, once its JVM is up
            waitFor(Duration.ofSeconds(60), () -> demoAgentsWorkingUnder(workRoot).isEmpty() ? null : true, bosun, o);
            assertThat(demoProcesses()).isEmpty();
        }
    }

    /** Removing a host that stopped answering fails the session that waited for it, saying so. */
    @Test
    void removingAHostFailsTheSessionsWaitingForItSayingSo() throws Exception {
        TestSshd.Host host = TestSshd.a();
        try (TcpProxy network = new TcpProxy(host.target().port()); Bosun bosun = start(new ManualClock())) {
            Target flaky = addBehind(bosun, host, network, host.freshWorkRoot());
            String local = bosun.database().read(tx -> tx.targets().byName("local")).orElseThrow().id();
            Objective o = managerOnACutHost(bosun, flaky, local, network);

            assertThat(bosun.operations().targets().remove(flaky.id()).get(10, TimeUnit.SECONDS).status())
                    .isEqualTo(TargetStatus.REMOVED);
            var manager = waitFor(Duration.ofSeconds(30), () -> sessions(bosun, o).get(0).status()
                    == SessionStatus.FAILED ? sessions(bosun, o).get(0) : null, bosun, o);
            assertThat(manager.resultSummary()).isEqualTo("its target flaky was removed");
            assertThatThrownBy(() -> bosun.operations().targets().remove(local).get(10, TimeUnit.SECONDS))
                    .hasMessageContaining("cannot be removed");
        }
    }

    private static Target addBehind(Bosun bosun, TestSshd.Host host, TcpProxy network, String workRoot)
            throws Exception {
        SshTarget ssh = host.target();
        Target t = bosun.operations().targets().add(new TargetOperations.SshTargetSpec("flaky", ssh.host(), ssh.user(),
                network.port(), ssh.identityFile(), workRoot, 2, "")).get(60, TimeUnit.SECONDS);
        String report = bosun.database().read(tx -> tx.targets().doctorReport(t.id()));
        assertThat(t.status()).as(report).isEqualTo(TargetStatus.ONLINE);
        return t;
    }

    /**
     * With this machine disabled and the network to {@code flaky} cut, an objective whose manager is placed there:
     * returned once the failed start has taken the host offline.
     */
    private Objective managerOnACutHost(Bosun bosun, Target flaky, String local, TcpProxy network) throws Exception {
        bosun.operations().targets().setStatus(local, TargetStatus.DISABLED).get(10, TimeUnit.SECONDS);
        network.cut();
        Objective o = bosun.operations().createObjective(new ObjectiveDraft("Far", "Hold on [demo:quiet]",
                origin.toString(), "main", AgentKind.DEMO)).get(10, TimeUnit.SECONDS);
        waitFor(Duration.ofSeconds(60), () -> target(bosun, flaky).status() == TargetStatus.OFFLINE ? true : null,
                bosun, o);
        return o;
    }

    private static Target target(Bosun bosun, Target t) {
        return bosun.database().read(tx -> tx.targets().byId(t.id())).orElseThrow();
    }

    /**
     * Demo agent JVMs started by this JVM (their command lines are too long for ProcessHandle.Info); not the ssh
     * clients whose remote command names one.
     */
    static java.util.stream.Stream<ProcessHandle> demoProcesses() {
        return ProcessHandle.current().descendants().filter(p -> isDemoAgent(p.pid()));
    }

    private static boolean isDemoAgent(long pid) {
        try {
            String cmdline = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"));
            String program = cmdline.split("\0")[0];
            // here Bosun's own Java by its path; on a host, the host's java from its PATH
            return cmdline.contains("dev.bosun.agent.demo.DemoAgent")
                    && (program.endsWith("/java") || program.equals("java"));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false; // it has just exited
        }
    }

    /**
     * Demo agent JVMs anywhere on this machine (a test host shares its pid namespace) whose working folder is under
     * {@code root}, as their own mount namespace names it.
     */
    static List<Long> demoAgentsWorkingUnder(String root) {
        try (var procs = Files.list(Path.of("/proc"))) {
            return procs.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+")).map(Long::parseLong)
                    .filter(DemoAgentEndToEndTest::isDemoAgent).filter(pid -> {
                        try {
                            return Files.readSymbolicLink(Path.of("/proc", pid.toString(), "cwd")).toString()
                                    .startsWith(root);
                        } catch (java.io.IOException e) {
                            return false;
                        }
                    }).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
