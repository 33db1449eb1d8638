package dev.bosun.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bosun.domain.AgentKind;
import dev.bosun.domain.Objective;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.Target;
import dev.bosun.domain.TargetStatus;
import dev.bosun.exec.Command;
import dev.bosun.exec.Executor;
import dev.bosun.exec.LocalExecutor;
import dev.bosun.exec.Result;
import dev.bosun.exec.Running;
import dev.bosun.exec.Sandbox;
import dev.bosun.exec.SshTarget;
import dev.bosun.testing.TestSshd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsTest {
    @TempDir
    Path dir;

    /** The local executor with PATH limited to a folder of chosen tools. */
    static Executor withPath(Path bin) {
        return withPath(bin, Map.of());
    }

    /** As above, with {@code env} set too (an empty value: as if unset). */
    static Executor withPath(Path bin, Map<String, String> env) {
        LocalExecutor local = new LocalExecutor();
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("PATH", bin.toString());
        return new Executor() {
            @Override
            public Result run(Command c) throws IOException, InterruptedException {
                return local.run(c.withEnv(all));
            }

            @Override
            public Running start(Command c, boolean i, Consumer<String> o, Consumer<String> e) throws IOException {
                return local.start(c.withEnv(all), i, o, e);
            }

            @Override
            public String describe() {
                return "local (limited PATH)";
            }
        };
    }

    Path bin(String... tools) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin-" + String.join("-", tools)));
        for (String tool : tools) {
            for (String where : List.of("/usr/bin/", "/bin/")) {
                if (Files.isExecutable(Path.of(where + tool))) {
                    Files.createSymbolicLink(bin.resolve(tool), Path.of(where + tool));
                    break;
                }
            }
        }
        return bin;
    }

    @Test
    void theDoctorNamesAMissingGitAndAnUnwritableWorkRootPrecisely() throws Exception {
        Path bin = bin("sh", "mkdir", "df", "awk");
        Files.writeString(bin.resolve("claude"), "#!/bin/sh\n");
        bin.resolve("claude").toFile().setExecutable(true);
        Path notAFolder = Files.writeString(dir.resolve("a-file"), "x");
        TargetDoctor.Report report = TargetDoctor.examine(withPath(bin), notAFolder.resolve("work").toString());
        assertThat(report.passed()).isFalse();
        assertThat(report.text()).contains("✓ connection", "✗ git: git is not installed or not on PATH",
                "✗ work root: " + notAFolder.resolve("work") + " cannot be created or is not writable",
                "✓ agent CLI: claude at " + bin.resolve("claude"), "– gh: not installed (optional)",
                "– java: not installed: the demo agent cannot run here");
        assertThat(report.agents()).containsExactly(AgentKind.CLAUDE);
        assertThat(report.text()).contains("– sandbox: bubblewrap is not installed: agents run unsandboxed",
                "apt-get install bubblewrap");
        assertThat(report.sandbox()).isEmpty();

        Path good = bin("sh", "mkdir", "df", "awk", "git");
        Files.copy(bin.resolve("claude"), good.resolve("claude"));
        good.resolve("claude").toFile().setExecutable(true);
        Files.createSymbolicLink(good.resolve("bwrap"), Path.of("/usr/bin/bwrap"));
        TargetDoctor.Report ok = TargetDoctor.examine(withPath(good), dir.resolve("work").toString());
        assertThat(ok.passed()).as(ok.text()).isTrue();
        assertThat(ok.sandbox()).as("a sandbox was tried and made: " + ok.text()).startsWith("bubblewrap ");
        assertThat(ok.freeDiskMb()).isPositive();

        // how agents there sign in: through the CLI's folder (shared), or with a key (a folder of their own)
        Map<String, String> noKey = new java.util.HashMap<>();
        Sandbox.signInKeys("claude").forEach(k -> noKey.put(k, ""));
        assertThat(TargetDoctor.examine(withPath(good, noKey), dir.resolve("work").toString()).text())
                .contains("– claude sign-in: through ~/.claude (a subscription login): agents share that folder",
                        "set \"Claude token for agents\" (from claude setup-token) in Settings",
                        "CLAUDE_CODE_OAUTH_TOKEN in their environment");
        Map<String, String> key = new java.util.HashMap<>(noKey);
        key.put("CLAUDE_CODE_OAUTH_TOKEN", "a-setup-token");
        assertThat(TargetDoctor.examine(withPath(good, key), dir.resolve("work").toString()).text())
                .contains("✓ claude sign-in: with a key: each agent has a claude folder of its own");
    }

    /**
     * The operator's sign-in setting (a {@code claude setup-token} token) reaches every agent, which then has a CLI
     * folder of its own, and the doctor, which says so; no other command Bosun runs sees it.
     */
    @Test
    void theOperatorsSignInTokenReachesEveryAgentAndTheDoctorButNoOtherCommand() throws Exception {
        Path checkout = Files.createDirectories(dir.resolve("work/c1/.git"));
        Map<String, String> token = Map.of("CLAUDE_CODE_OAUTH_TOKEN", "sk-ant-oat01-operators");
        TargetExecutors executors = new TargetExecutors(dir.resolve("ssh"), null,
                new TargetExecutors.AgentRules(List.of(), List.of(), true, token));
        java.time.Instant now = java.time.Instant.now();
        Target local = new Target("t1", "local", dev.bosun.domain.TargetKind.LOCAL, TargetStatus.ONLINE, null, null,
                0, null, dir.resolve("work").toString(), 2, "", now, now, now, "bubblewrap 0.8.0");
        String print = "echo \"token=${CLAUDE_CODE_OAUTH_TOKEN:-none} config=${CLAUDE_CONFIG_DIR:-none}\"";

        Result agent = executors.forAgent(local).run(new Command(List.of("sh", "-c", print),
                checkout.getParent().toString(), Map.of(), null, Duration.ofSeconds(30)).asAgent());
        assertThat(agent.stdout()).as(agent.stderr()).isEqualTo("token=sk-ant-oat01-operators config="
                + checkout + "/bosun-agent/claude\n");
        Result git = executors.forAgent(local).run(Command.of("sh", "-c", print));
        assertThat(git.stdout()).isEqualTo("token=none config=none\n");

        Path good = bin("sh", "mkdir", "df", "awk", "git", "bwrap");
        Files.writeString(good.resolve("claude"), "#!/bin/sh\n");
        good.resolve("claude").toFile().setExecutable(true);
        Map<String, String> noOtherKey = new java.util.HashMap<>();
        Sandbox.signInKeys("claude").forEach(k -> noOtherKey.put(k, ""));
        noOtherKey.remove("CLAUDE_CODE_OAUTH_TOKEN");
        assertThat(TargetDoctor.examine(executors.signedIn(withPath(good, noOtherKey), false),
                dir.resolve("work").toString()).text())
                .contains("✓ claude sign-in: with a key: each agent has a claude folder of its own");
    }

    /**
     * An offline host is examined again once a minute has passed by the engine's clock, not sooner; a report that
     * says the same again adds nothing to the audit trail.
     */
    @Test
    void anOfflineHostIsExaminedAgainEachMinuteAndAuditedOnlyWhenItsReportChanges() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Target down = h.await(h.ops.targets().add(new TargetOperations.SshTargetSpec("down", "127.0.0.1",
                    System.getProperty("user.name"), 1, null, "/srv/work", 2, "")));
            assertThat(down.status()).isEqualTo(TargetStatus.OFFLINE);
            java.util.function.Supplier<Long> doctorLines = () -> h.db.read(tx -> tx.audit().latest(100)).stream()
                    .filter(e -> e.type().equals("target_doctor")).count();
            assertThat(doctorLines.get()).isEqualTo(1);
            TargetOperations targets = h.ops.targets();
            assertThat(targets.examineOffline()).hasSize(1).allSatisfy(h::await); // never examined by the engine
            assertThat(targets.examineOffline()).as("within the minute").isEmpty();
            h.clock.advance(Duration.ofSeconds(61));
            assertThat(targets.examineOffline()).hasSize(1).allSatisfy(h::await);
            assertThat(doctorLines.get()).as("the same report each time").isEqualTo(1);
            h.await(targets.runDoctor(down.id())); // the operator's own run is recorded
            assertThat(doctorLines.get()).isEqualTo(2);
        }
    }

    @Test
    void theDoctorOverSshSeesTheRemoteMachine() throws Exception {
        SshTarget t = TestSshd.target();
        Executor ssh = TestSshd.executor();
        TargetDoctor.Report report = TargetDoctor.examine(ssh, dir.resolve("remote-work").toString());
        assertThat(report.text()).contains("✓ connection", "✓ git: git version", "✓ work root", "✓ sandbox: bubblewrap");
        boolean agentInstalled = report.checks().stream().anyMatch(c -> c.name().equals("agent CLI") && c.ok());
        assertThat(report.passed()).isEqualTo(agentInstalled);
        TargetDoctor.Report unreachable = TargetDoctor.examine(new dev.bosun.exec.SshExecutor(
                new SshTarget("127.0.0.1", t.user(), 1, t.identityFile()), dir.resolve("cm"), dir.resolve("kh")),
                "/srv/work");
        assertThat(unreachable.passed()).isFalse();
        assertThat(unreachable.text()).contains("✗ connection", "Connection refused");
    }

    @Test
    void addingAnSshTargetRunsTheDoctorAndKeepsItsReport() throws Exception {
        SshTarget t = TestSshd.target();
        try (EngineHarness h = new EngineHarness(dir)) {
            Target added = h.await(h.ops.targets().add(new TargetOperations.SshTargetSpec("build-box", t.host(), t.user(),
                    t.port(), t.identityFile(), dir.resolve("bb-work").toString(), 3, "linux")));
            assertThat(added.kind()).isEqualTo(dev.bosun.domain.TargetKind.SSH);
            assertThat(added.capacity()).isEqualTo(3);
            String report = h.db.read(tx -> tx.targets().doctorReport(added.id()));
            assertThat(report).contains("✓ connection", "✓ git");
            // what placement goes by: the agents the doctor found on the host
            java.util.Set<AgentKind> agents = h.db.read(tx -> tx.targets().agents()).get(added.id());
            assertThat(agents).isNotNull();
            assertThat(agents.contains(AgentKind.CLAUDE)).isEqualTo(report.contains("claude at "));
            assertThat(agents.contains(AgentKind.DEMO)).isEqualTo(report.contains("java for the demo agent"));
            assertThatThrownBy(() -> h.await(h.ops.targets().add(new TargetOperations.SshTargetSpec("build-box", t.host(),
                    t.user(), t.port(), null, "/srv/w", 1, "")))).isInstanceOf(OperationRefused.class)
                    .hasMessageContaining("exists already");
            assertThatThrownBy(() -> h.await(h.ops.targets().add(new TargetOperations.SshTargetSpec("bad name!", "-oProxy",
                    null, 0, null, "relative", 0, "")))).isInstanceOfSatisfying(OperationRefused.class,
                    e -> assertThat(e.fieldErrors()).containsOnlyKeys("name", "host", "workRoot", "capacity"));
        }
    }

    @Test
    void anAgentMissingHereRunsOnAHostWhoseDoctorFoundItAndIsRefusedWhenNoTargetHasIt() throws Exception {
        try (EngineHarness h = new EngineHarness(dir)) {
            h.providers.markMissing(AgentKind.CODEX, "Codex is not installed here (codex is not on PATH).");
            dev.bosun.domain.ObjectiveDraft draft = new dev.bosun.domain.ObjectiveDraft("Ship it", "Add a flag.",
                    h.origin.toString(), "", AgentKind.CODEX);
            assertThatThrownBy(() -> h.await(h.ops.createObjective(draft))).isInstanceOf(OperationRefused.class)
                    .hasMessageContaining("Codex is not installed here")
                    .hasMessageContaining("No SSH target's doctor found it there either");

            Target box = h.db.write(tx -> {
                // fewer slots than this machine's 2: only its agents make it the place
                Target t = tx.targets().create("codex-box", dev.bosun.domain.TargetKind.SSH, "box.invalid", "ci", 22,
                        "/srv/work", 1, dev.bosun.domain.Actor.OPERATOR);
                tx.targets().recordDoctor(t.id(), "✓ agent CLI: codex at /usr/bin/codex", 50_000L,
                        java.util.EnumSet.of(AgentKind.CODEX), "");
                return t;
            });
            java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
            h.executors.before = c -> {
                try {
                    hold.await(30, java.util.concurrent.TimeUnit.SECONDS); // its start stays under way
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            Objective o = h.await(h.ops.createObjective(draft));
            h.passLeavingStartsInFlight();
            assertThat(h.manager(o.id()).targetId()).as("placed where codex is, never here").isEqualTo(box.id());
            hold.countDown();
        }
    }

    @Test
    void aDrainingTargetTakesNoNewWorkerButLetsRunningOnesFinish() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            Session running = h.worker(o.id(), null, AgentKind.CODEX, "running", List.of());
            h.pass();
            Target local = h.db.read(tx -> tx.targets().byName("local")).orElseThrow();
            h.await(h.ops.targets().setStatus(local.id(), TargetStatus.DRAINING));
            Session next = h.worker(o.id(), null, AgentKind.CODEX, "next", List.of());
            h.pass();
            assertThat(h.session(running.id()).status()).isEqualTo(SessionStatus.RUNNING);
            assertThat(h.session(next.id()).status()).isEqualTo(SessionStatus.WAITING_CAPACITY);
            h.await(h.ops.targets().setStatus(local.id(), TargetStatus.ONLINE));
            h.pass();
            assertThat(h.session(next.id()).status()).isEqualTo(SessionStatus.RUNNING);
            h.await(h.ops.targets().setStatus(local.id(), TargetStatus.REMOVED));
            assertThatThrownBy(() -> h.await(h.ops.targets().setStatus(local.id(), TargetStatus.ONLINE)))
                    .isInstanceOf(OperationRefused.class).hasMessageContaining("cannot go from removed");
        }
    }

    @Test
    void belowTheDiskFloorNothingIsPlacedAndTheGcRuns() throws Exception {
        Scheduler.Settings floorAboveAnyDisk = new Scheduler.Settings(32, java.time.Duration.ofSeconds(2),
                java.time.Duration.ofMinutes(1), java.time.Duration.ofSeconds(90), java.time.Duration.ofMinutes(5),
                Long.MAX_VALUE / 2);
        try (EngineHarness h = new EngineHarness(dir, new dev.bosun.testing.ManualClock(), floorAboveAnyDisk)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            h.pass(); // nothing sampled yet: the manager starts
            assertThat(h.manager(o.id()).status()).isEqualTo(SessionStatus.RUNNING);
            h.orchestration.disk().sample();
            h.orchestration.disk().sample();
            long pressure = h.db.read(tx -> tx.audit().latest(50)).stream()
                    .filter(e -> e.type().equals("disk_pressure")).count();
            assertThat(pressure).as("recorded once, not on every sample").isEqualTo(1);
            List<dev.bosun.domain.AuditEvent> events = h.db.read(tx -> tx.audit().latest(50));
            assertThat(events).filteredOn(e -> e.type().equals("disk_pressure")).singleElement()
                    .satisfies(e -> assertThat(e.summary()).contains("below the floor", "GC now"));
            Session w = h.worker(o.id(), null, AgentKind.CODEX, "w", List.of());
            h.pass();
            assertThat(h.session(w.id()).status()).isEqualTo(SessionStatus.WAITING_CAPACITY);
        }
    }

    @Test
    void eachCheckoutsSizeIsSampledWithTheDisk() throws Exception {
        try (EngineHarness h = new EngineHarness(dir)) {
            Objective o = h.objective(AgentKind.CLAUDE);
            h.pass(); // the manager's checkout is made
            String ws = h.manager(o.id()).workspaceId();
            java.nio.file.Path path = java.nio.file.Path.of(h.db.read(tx -> tx.workspaces().byId(ws)).orElseThrow()
                    .path());
            java.nio.file.Files.write(path.resolve("big.bin"), new byte[3 * 1024 * 1024]);

            h.orchestration.disk().sample();

            var row = h.db.read(tx -> tx.rows().workspaces()).stream().filter(r -> r.id().equals(ws)).findFirst()
                    .orElseThrow();
            assertThat(row.sizeKb()).isGreaterThanOrEqualTo(3 * 1024L);
        }
    }

    @Test
    void atStartTheLocalTargetIsExaminedButKeepsItsStatus() {
        try (EngineHarness h = new EngineHarness(dir)) {
            Target local = h.db.read(tx -> tx.targets().byName("local")).orElseThrow();
            h.ops.targets().examineAllAtStart();
            EngineHarness.waitFor(() -> !h.db.read(tx -> tx.targets().doctorReport(local.id())).isEmpty());
            String report = h.db.read(tx -> tx.targets().doctorReport(local.id()));
            assertThat(report).contains("✓ connection", "✓ git", "✓ work root");
            assertThat(h.db.read(tx -> tx.targets().byId(local.id())).orElseThrow().status())
                    .isEqualTo(TargetStatus.ONLINE);
        }
    }
}
