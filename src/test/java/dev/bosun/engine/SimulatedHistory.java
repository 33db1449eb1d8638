package dev.bosun.engine;

import dev.bosun.domain.Actor;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.PullRequest;
import dev.bosun.domain.Question;
import dev.bosun.domain.QuestionKind;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SupervisorSettings;
import dev.bosun.domain.TargetKind;
import dev.bosun.exec.Result;
import dev.bosun.forge.BranchPublisher;
import dev.bosun.forge.Forges;
import dev.bosun.forge.LocalForge;
import dev.bosun.store.Database;
import dev.bosun.testing.FakeGitHub;
import dev.bosun.testing.Git;
import dev.bosun.testing.ManualClock;
import dev.bosun.workspace.CheckoutPreparer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One simulated history: the real engine on a real SQLite file, with a virtual clock, scripted agents whose every move
 * is drawn from one seeded random, a random operator, target faults and crashes. Each step is one move, then the
 * engine settles and {@link SimOracles} checks every invariant. The same seed replays the same history.
 */
final class SimulatedHistory implements AutoCloseable {
    static final SupervisorSettings SUPERVISION = SupervisorSettings.DEFAULTS;
    static final Scheduler.Settings SCHEDULING = new Scheduler.Settings(32, Duration.ofSeconds(2),
            Duration.ofMinutes(1), Duration.ofSeconds(90), Duration.ofMinutes(5), 0);
    /** GitHub histories also see their target's disk fill below this floor (the local forge's run without one). */
    static final Scheduler.Settings SCHEDULING_WITH_DISK_FLOOR = new Scheduler.Settings(32, Duration.ofSeconds(2),
            Duration.ofMinutes(1), Duration.ofSeconds(90), Duration.ofMinutes(5), 1024);
    /** {@code df -Pk} on a target whose disk is full: 97 MiB free. */
    static final Result DISK_FULL = new Result(0, "Filesystem 1024-blocks Used Available Capacity Mounted on\n"
            + "/dev/sim 104857600 104757600 100000 100% /\n", "", false);
    /** The longest a time step advances the clock. */
    static final Duration MAX_TIME_STEP = Duration.ofSeconds(120);
    private static final String GITHUB_TOKEN = "ghp_simulation";

    final long seed;
    final Random rng;
    final Path dir;
    final ManualClock clock = new ManualClock();
    final Git git;
    final Path origin;
    final SimAgents claude = new SimAgents(AgentKind.CLAUDE, true);
    final SimAgents codex = new SimAgents(AgentKind.CODEX, false);
    final FaultyExecutors executors;
    final CheckoutPreparer preparer;
    final BranchPublisher branches;
    final List<String> log = new ArrayList<>();
    final SimOracles oracles;
    /**
     * GitHub, for half the histories (a local server speaking its REST API, backed by the origin): its PRs get forge
     * events (failing checks, review comments, a conflict, closed, reopened or merged elsewhere), drawn from
     * {@link #forgeRng}. Null: the local forge. The salt keeps the seeds replayed before forge events came on the
     * local forge, so their histories are as they were.
     */
    final FakeGitHub github;
    /** The repository objectives are created on: the origin's path, or its GitHub address. */
    final String repository;
    private final Random forgeRng;
    private int feedback;
    private volatile boolean diskFull;
    private int diskFullSteps;
    /** Commits agents made, by checkout path: what must never be lost. */
    final Map<String, List<String>> commitsByPath = new java.util.HashMap<>();
    /** Commits agents made, by session. */
    final Map<String, List<String>> commitsBySession = new java.util.HashMap<>();
    private volatile Result fault;
    private volatile String faultOn;
    private int faultSteps;
    private int objectives;
    private int tokens;
    /** What happened in this history, by kind ("crashes of Bosun", "forge events"), for the run's summary. */
    final Map<String, Integer> tally = new java.util.TreeMap<>();
    /** A scheduler pass ran at the end of this step's time: liveness is judged then, when the engine had its turn. */
    boolean passed;

    Database db;
    Engine engine;
    Orchestration orchestration;

    SimulatedHistory(long seed, Path dir, Path templateOrigin) throws IOException {
        this.seed = seed;
        this.rng = new Random(seed);
        this.dir = dir;
        this.git = new Git(Files.createDirectories(dir.resolve("home")));
        this.origin = dir.resolve("origin.git");
        copyTree(templateOrigin, origin);
        this.executors = new FaultyExecutors(dir.resolve("ssh"), dir.resolve("known_hosts"));
        executors.fault = c -> diskFull && c.argv().get(0).equals("df") ? DISK_FULL
                : faultOn != null && runs(c, faultOn) ? fault : null;
        this.preparer = new CheckoutPreparer(git.env());
        this.branches = new BranchPublisher(git.env());
        double startFailures = rng.nextInt(4) == 0 ? 0.15 : 0.02;
        for (SimAgents agents : List.of(claude, codex)) {
            // drawn from the seed and what is started (never the order io threads run in), so a replay is the same
            agents.failStart = l -> new Random(seed ^ (stableName(l.sessionId()).hashCode() * 31L
                    + starts(l.sessionId()))).nextDouble() < startFailures;
        }
        this.oracles = new SimOracles(this);
        this.forgeRng = new Random(seed * 7919);
        if (new java.util.SplittableRandom(seed * 1000 + 10_769).nextBoolean()) {
            repository = "https://github.com/sim/app.git";
            github = new FakeGitHub(GITHUB_TOKEN).backedBy(origin, git.env());
            // "GitHub" is the origin, for git too: a rule for the whole owner, so Bosun's own rule for one
            // repository (the longer match) still wins, as it would over such a rule of an operator's
            Path owner = Files.createDirectories(dir.resolve("github-sim"));
            Files.createSymbolicLink(owner.resolve("app.git"), origin);
            Files.writeString(dir.resolve("home/.gitconfig"), "[url \"" + owner + "/\"]\n\tinsteadOf = "
                    + "https://github.com/sim/\n");
        } else {
            repository = origin.toString();
            github = null;
        }
        open();
        db.write(tx -> tx.targets().create("local", TargetKind.LOCAL, "", "", 0, dir.resolve("work").toString(),
                2 + rng.nextInt(3), Actor.ENGINE));
    }

    /** A session's name that is the same in every replay (ids and prompts hold random bits). */
    /** Whether the command runs {@code word}: as its argv, or as a command of its {@code sh -c} script. */
    static boolean runs(dev.bosun.exec.Command c, String word) {
        List<String> a = c.argv();
        return a.contains(word) || a.size() > 2 && a.get(0).equals("sh") && a.get(1).equals("-c")
                && java.util.regex.Pattern.compile("(^|[\\s;(|&!])" + word + "\\s").matcher(a.get(2)).find();
    }

    private String stableName(String sessionId) {
        return db.read(tx -> {
            Session s = tx.sessions().byId(sessionId).orElseThrow();
            return tx.objectives().byId(s.objectiveId()).orElseThrow().title() + "/" + s.title() + "/"
                    + s.createdAt();
        });
    }

    private long starts(String sessionId) {
        return allRuns().stream().filter(r -> r.sessionId().equals(sessionId)).count();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    /** Opens the engine on the database (again, after a crash) and recovers what the last one left. */
    private void open() {
        db = Database.open(dir.resolve("bosun.db"), clock);
        engine = new Engine(clock, 4);
        try {
            orchestration = new Orchestration(engine, db, new AgentProviders().register(claude).register(codex),
                    executors, preparer, branches, forges(),
                    ToolAccess.Opener.NONE, SUPERVISION, github == null ? SCHEDULING : SCHEDULING_WITH_DISK_FLOOR);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        onEngine(() -> {
            orchestration.scheduler().recover();
            return null;
        });
        settle();
    }

    private Forges forges() {
        LocalForge local = new LocalForge(git.env(), dir.resolve("forge"));
        return github == null ? Forges.localOnly(local)
                : new Forges(local, github.api(), "github.com", () -> java.util.Optional.of(GITHUB_TOKEN));
    }

    /** Runs the history; returns the first violation (null when every oracle held at every step). */
    String run(int steps) {
        objective();
        if (rng.nextBoolean()) {
            objective();
        }
        pass();
        String violation = oracles.check();
        for (int i = 0; i < steps && violation == null; i++) {
            step(i);
            violation = oracles.check();
        }
        return violation;
    }

    private void step(int i) {
        passed = false;
        if (faultSteps > 0 && --faultSteps == 0) {
            faultOn = null;
        }
        if (diskFullSteps > 0 && --diskFullSteps == 0) {
            diskFull = false;
            log.add(i + ": the target's disk is freed, and is sampled");
            sampleDisk();
        }
        if (github != null && forgeRng.nextInt(4) == 0) {
            boolean disk = forgeRng.nextInt(12) == 0;
            if (disk || !github.pulls.isEmpty()) {
                if (disk) {
                    diskEvent(i);
                } else {
                    forgeEvent(i);
                }
                settle();
                return;
            }
        }
        int roll = rng.nextInt(100);
        if (roll < 45) {
            agentMoves(i);
        } else if (roll < 60) {
            operatorMoves(i);
        } else if (roll < 93) {
            timePasses(i);
        } else if (roll < 97) {
            faultStarts(i);
        } else {
            crash(i);
        }
        settle();
    }

    // --- the agents -------------------------------------------------------------------------------------------------

    List<SimAgents.SimRun> allRuns() {
        List<SimAgents.SimRun> all = new ArrayList<>(claude.runs);
        all.addAll(codex.runs);
        return all;
    }

    private List<SimAgents.SimRun> liveRuns() {
        List<SimAgents.SimRun> live = new ArrayList<>();
        for (SimAgents.SimRun r : allRuns()) {
            if (r.alive && !r.orphaned) {
                live.add(r);
            }
        }
        live.sort(Comparator.comparing(this::nameOf));
        return live;
    }

    /** A name that is the same in every replay: objective title / session title (ids are random). */
    String nameOf(SimAgents.SimRun r) {
        return stableName(r.sessionId());
    }

    private void agentMoves(int i) {
        List<SimAgents.SimRun> live = liveRuns();
        List<SimAgents.SimRun> orphans = allRuns().stream().filter(r -> r.alive && r.orphaned)
                .sorted(Comparator.comparing(this::nameOf)).toList();
        if (!orphans.isEmpty() && rng.nextInt(10) == 0) {
            // a process its crashed Bosun left running still works in its checkout
            SimAgents.SimRun r = orphans.get(rng.nextInt(orphans.size()));
            log.add(i + ": an orphaned " + r.kind().label() + " process commits");
            commit(r, false);
            return;
        }
        if (live.isEmpty()) {
            timePasses(i);
            return;
        }
        SimAgents.SimRun r = live.get(rng.nextInt(live.size()));
        Session s = db.read(tx -> tx.sessions().byId(r.sessionId())).orElseThrow();
        String who = nameOf(r);
        if (r.inputClosed) {
            log.add(i + ": " + who + " exits (its input had closed)");
            r.exit(false, "exit 1 after its input closed");
            return;
        }
        if (r.interactive() && rng.nextInt(25) == 0) {
            log.add(i + ": " + who + " closes its input: it is exiting, and writes to it fail");
            r.inputClosed = true;
            return;
        }
        if (github != null && forgeRng.nextInt(3) > 0 && towardsAPr(i, r, s, who)) {
            return;
        }
        if (s.role() == SessionRole.MANAGER) {
            managerMoves(i, r, s, who);
        } else {
            workerMoves(i, r, s, who);
        }
    }

    /**
     * On GitHub, two agents' moves in three go towards a PR, so the forge's events have PRs to happen to: a manager spawns
     * its first worker or publishes a succeeded worker's work; a worker commits, reports and ends its turn. False if
     * there was nothing such to do.
     */
    private boolean towardsAPr(int i, SimAgents.SimRun r, Session s, String who) {
        AgentOperations tools = orchestration.agentOperations();
        if (s.role() != SessionRole.MANAGER) {
            log.add(i + ": " + who + " commits, reports its result and ends its turn");
            commit(r, true);
            call(tools.reportResult(s.id(), "did " + s.title()));
            endTurn(r);
            return true;
        }
        List<Session> workers = db.read(tx -> tx.sessions().forObjective(s.objectiveId())).stream()
                .filter(w -> w.role() == SessionRole.WORKER).sorted(Comparator.comparing(Session::title)).toList();
        if (workers.isEmpty()) {
            log.add(i + ": " + who + " spawns w1 (Claude Code)");
            call(tools.spawnWorker(s.id(), new AgentOperations.WorkerRequest("w1", "do w1", null, List.of(), null,
                    null, AgentKind.CLAUDE)));
            return true;
        }
        java.util.Set<String> published = new java.util.HashSet<>();
        db.read(tx -> tx.pullRequests().forObjective(s.objectiveId())).forEach(p -> published.add(p.sessionId()));
        for (Session w : workers) {
            if (w.status() == dev.bosun.domain.SessionStatus.SUCCEEDED && !published.contains(w.id())) {
                log.add(i + ": " + who + " publishes " + w.title());
                call(tools.publishPr(s.id(), w.id(), "Work of " + w.title(), "From the simulation."));
                return true;
            }
        }
        return false;
    }

    private void managerMoves(int i, SimAgents.SimRun r, Session m, String who) {
        AgentOperations tools = orchestration.agentOperations();
        List<Session> workers = db.read(tx -> tx.sessions().forObjective(m.objectiveId())).stream()
                .filter(s -> s.role() != SessionRole.MANAGER).sorted(Comparator.comparing(Session::title)).toList();
        int roll = rng.nextInt(100);
        if (roll < 20 && workers.size() < 5) {
            String title = "w" + (workers.size() + 1);
            List<String> dependsOn = !workers.isEmpty() && rng.nextInt(4) == 0
                    ? List.of(workers.get(rng.nextInt(workers.size())).id()) : List.of();
            AgentKind agent = rng.nextBoolean() ? AgentKind.CLAUDE : AgentKind.CODEX;
            log.add(i + ": " + who + " spawns " + title + " (" + agent.label() + ")"
                    + (dependsOn.isEmpty() ? "" : " after " + titleOf(dependsOn.get(0))));
            call(tools.spawnWorker(m.id(), new AgentOperations.WorkerRequest(title, "do " + title, null, dependsOn,
                    null, null, agent)));
        } else if (roll < 35) {
            List<Session> done = workers.stream().filter(w -> w.status() == dev.bosun.domain.SessionStatus.SUCCEEDED)
                    .toList();
            if (done.isEmpty()) {
                r.say("nothing to publish yet");
                return;
            }
            Session w = done.get(rng.nextInt(done.size()));
            log.add(i + ": " + who + " publishes " + w.title());
            call(tools.publishPr(m.id(), w.id(), "Work of " + w.title(), "From the simulation."));
        } else if (roll < 45) {
            log.add(i + ": " + who + " marks the objective done");
            call(tools.markObjectiveDone(m.id(), "all done"));
        } else if (roll < 49 && !workers.isEmpty()) {
            Session w = workers.get(rng.nextInt(workers.size()));
            log.add(i + ": " + who + " discards the work of " + w.title());
            call(tools.discardWork(m.id(), w.id(), "not wanted after all"));
        } else if (roll < 53) {
            log.add(i + ": " + who + " asks the operator");
            call(tools.askUser(m.id(), "Which API version?"));
        } else if (roll < 56 && !workers.isEmpty()) {
            Session w = workers.get(rng.nextInt(workers.size()));
            log.add(i + ": " + who + " messages " + w.title());
            call(tools.messageWorker(m.id(), w.id(), "please hurry"));
        } else if (roll < 58 && !workers.isEmpty()) {
            Session w = workers.get(rng.nextInt(workers.size()));
            log.add(i + ": " + who + " cancels " + w.title());
            call(tools.cancelWorker(m.id(), w.id(), "not needed"));
        } else if (roll < 68) {
            log.add(i + ": " + who + " says something");
            r.say("thinking about " + rng.nextInt(1000));
        } else if (roll < 70) {
            log.add(i + ": " + who + " floods its output");
            for (int k = 0; k < 200; k++) {
                r.emit(new dev.bosun.agent.AgentEvent.Output(dev.bosun.domain.TranscriptKind.TOOL_RESULT,
                        "x".repeat(200), null));
            }
        } else if (roll < 85) {
            log.add(i + ": " + who + " ends its turn");
            endTurn(r);
        } else if (roll < 90) {
            log.add(i + ": " + who + " crashes");
            r.exit(false, "simulated crash");
        } else {
            log.add(i + ": " + who + " hangs");
        }
    }

    private void workerMoves(int i, SimAgents.SimRun r, Session w, String who) {
        AgentOperations tools = orchestration.agentOperations();
        int roll = rng.nextInt(100);
        if (roll < 25) {
            log.add(i + ": " + who + " commits");
            commit(r, true);
        } else if (roll < 28) {
            log.add(i + ": " + who + " leaves an uncommitted change");
            write(r, "draft-" + rng.nextInt(1000) + ".txt");
        } else if (roll < 48) {
            log.add(i + ": " + who + " reports its result and ends its turn");
            call(tools.reportResult(w.id(), "did " + w.title()));
            endTurn(r);
        } else if (roll < 56) {
            log.add(i + ": " + who + " ends its turn without reporting");
            endTurn(r);
        } else if (roll < 61) {
            log.add(i + ": " + who + " exits non-zero");
            r.exit(false, "exit 1");
        } else if (roll < 65) {
            log.add(i + ": " + who + " asks the operator");
            call(tools.askUser(w.id(), "Is the v2 API allowed?"));
            if (!r.interactive()) {
                r.exit(true, "waiting for an answer"); // a one-shot agent stops after asking
            }
        } else if (roll < 78) {
            log.add(i + ": " + who + " says something");
            r.say("building " + rng.nextInt(1000));
        } else if (roll < 80) {
            log.add(i + ": " + who + " floods its output");
            for (int k = 0; k < 200; k++) {
                r.emit(new dev.bosun.agent.AgentEvent.Output(dev.bosun.domain.TranscriptKind.TOOL_RESULT,
                        "y".repeat(200), null));
            }
        } else {
            log.add(i + ": " + who + " hangs");
        }
    }

    private void endTurn(SimAgents.SimRun r) {
        if (r.interactive()) {
            r.emit(new dev.bosun.agent.AgentEvent.TurnEnded(false));
        } else {
            r.exit(true, "turn done");
        }
    }

    private void write(SimAgents.SimRun r, String file) {
        if (r.launch.workDir() == null || !Files.isDirectory(r.launch.workDir())) {
            return;
        }
        try {
            Files.writeString(r.launch.workDir().resolve(file), "work " + rng.nextInt() + "\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code live}: the session's own agent (an orphan's commits are in its checkout, not the session's work). */
    private void commit(SimAgents.SimRun r, boolean live) {
        Path work = r.launch.workDir();
        if (work == null || !Files.isDirectory(work.resolve(".git"))) {
            return;
        }
        String file = "f" + rng.nextInt(100_000) + ".txt";
        write(r, file);
        try {
            git.run(work, "add", file);
            git.run(work, "commit", "-q", "-m", "add " + file);
            String sha = git.run(work, "rev-parse", "HEAD");
            commitsByPath.computeIfAbsent(work.toString(), k -> new ArrayList<>()).add(sha);
            if (live) {
                commitsBySession.computeIfAbsent(r.sessionId(), k -> new ArrayList<>()).add(sha);
            }
            if (live && rng.nextInt(8) == 0) {
                write(r, "wip.txt");
                git.run(work, "add", "wip.txt");
                git.run(work, "stash", "-q");
                commitsByPath.get(work.toString()).add(git.run(work, "rev-parse", "refs/stash"));
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("git in the simulation failed: " + e.getMessage(), e);
        }
    }

    private String titleOf(String sessionId) {
        return db.read(tx -> tx.sessions().byId(sessionId)).map(Session::title).orElse(sessionId);
    }

    // --- the operator -----------------------------------------------------------------------------------------------

    private void operatorMoves(int i) {
        Operations ops = orchestration.operations();
        List<Objective> live = db.read(tx -> tx.objectives().all()).stream().filter(o -> !o.status().terminal())
                .sorted(Comparator.comparing(Objective::title)).toList();
        int roll = rng.nextInt(100);
        if (roll < 35) {
            List<Question> open = new ArrayList<>();
            for (Objective o : live) {
                open.addAll(db.read(tx -> tx.questions().openFor(o.id())));
            }
            open.sort(Comparator.comparing(Question::createdAt).thenComparing(Question::text));
            if (open.isEmpty()) {
                timePasses(i);
                return;
            }
            Question q = open.get(rng.nextInt(open.size()));
            if (q.kind() == QuestionKind.ESCALATION) {
                boolean cancel = rng.nextInt(5) == 0;
                // an instruction is a standing note, given to every later manager: not a message delivered once
                log.add(i + ": the operator resolves an escalation: " + (cancel ? "cancel" : "continue"));
                call(ops.resolveEscalation(q.id(), cancel ? new EscalationChoice.CancelObjective()
                        : new EscalationChoice.Continue(1 + rng.nextInt(2), "go on, note " + (++tokens))));
            } else {
                log.add(i + ": the operator answers a question");
                call(ops.answerQuestion(q.id(), "[ans-" + (++tokens) + "] yes"));
            }
        } else if (live.isEmpty()) {
            if (objectives < 3) {
                objective();
            }
        } else if (roll < 43) {
            Objective o = live.get(rng.nextInt(live.size()));
            log.add(i + ": the operator approves one more respawn for " + o.title());
            call(ops.approveRespawn(o.id(), 1));
        } else if (roll < 51) {
            Objective o = live.get(rng.nextInt(live.size()));
            log.add(i + ": the operator pokes " + o.title());
            call(ops.forcePoke(o.id()));
        } else if (roll < 70) {
            List<Session> sessions = new ArrayList<>();
            for (Objective o : live) {
                db.read(tx -> tx.sessions().forObjective(o.id())).stream().filter(s -> !s.status().terminal())
                        .forEach(sessions::add);
            }
            if (sessions.isEmpty()) {
                return;
            }
            sessions.sort(Comparator.comparing(Session::title).thenComparing(Session::createdAt));
            Session s = sessions.get(rng.nextInt(sessions.size()));
            log.add(i + ": the operator messages " + s.title());
            call(ops.messageSession(s.id(), "[op-" + (++tokens) + "] mind the tests"));
        } else if (roll < 90) {
            List<PullRequest> prs = new ArrayList<>();
            for (Objective o : live) {
                db.read(tx -> tx.pullRequests().forObjective(o.id())).stream()
                        .filter(p -> p.status().awaitingReview()).forEach(prs::add);
            }
            if (prs.isEmpty()) {
                timePasses(i);
                return;
            }
            prs.sort(Comparator.comparing(PullRequest::number));
            PullRequest pr = prs.get(rng.nextInt(prs.size()));
            log.add(i + ": the operator merges PR #" + pr.number());
            call(ops.mergePullRequest(pr.id()));
        } else if (roll < 93) {
            Objective o = live.get(rng.nextInt(live.size()));
            log.add(i + ": the operator cancels " + o.title());
            call(ops.cancelObjective(o.id(), "changed my mind"));
        } else if (roll < 97) {
            var target = db.read(tx -> tx.targets().byName("local")).orElseThrow();
            dev.bosun.domain.TargetStatus to = target.status() == dev.bosun.domain.TargetStatus.ONLINE
                    ? (rng.nextBoolean() ? dev.bosun.domain.TargetStatus.DISABLED
                            : dev.bosun.domain.TargetStatus.DRAINING)
                    : dev.bosun.domain.TargetStatus.ONLINE;
            log.add(i + ": the operator sets the target " + to.wire());
            call(ops.targets().setStatus(target.id(), to));
        } else if (objectives < 3) {
            objective();
        }
    }

    private void objective() {
        String title = "o" + (++objectives);
        AgentKind manager = rng.nextBoolean() ? AgentKind.CLAUDE : AgentKind.CODEX;
        log.add("the operator creates " + title + " (" + manager.label() + " manager)");
        // a budget of its own for some (null: the setting's)
        // some prompts are long: a respawned manager must still get all of it
        String prompt = "Make " + title + " happen." + (rng.nextInt(3) == 0 ? " Details: " + "x".repeat(7_000)
                + " (end of " + title + ")" : "");
        Integer budget = rng.nextBoolean() ? null : 1 + rng.nextInt(4);
        call(orchestration.operations().createObjective(new ObjectiveDraft(title, prompt, repository, "main",
                manager, budget)));
    }

    // --- the forge ---------------------------------------------------------------------------------------------------

    /** The target's disk fills below the floor for a few steps; Bosun samples it (as it does every minute). */
    private void diskEvent(int i) {
        if (diskFull) {
            timePasses(i);
            return;
        }
        diskFull = true;
        diskFullSteps = 2 + forgeRng.nextInt(5);
        tally.merge("disk events", 1, Integer::sum);
        log.add(i + ": the target's disk fills below the floor for " + diskFullSteps + " steps, and is sampled");
        sampleDisk();
        pass();
    }

    private void sampleDisk() {
        await(engine.onIo(() -> {
            orchestration.disk().sample();
            return null;
        }));
    }

    /** Something happens to a PR on GitHub, outside Bosun; Bosun sees it at its next refresh (often at once). */
    private void forgeEvent(int i) {
        List<Integer> numbers = github.pulls.keySet().stream().sorted().toList();
        if (numbers.isEmpty()) {
            timePasses(i);
            return;
        }
        int n = numbers.get(forgeRng.nextInt(numbers.size()));
        com.fasterxml.jackson.databind.node.ObjectNode pr = github.pulls.get(n);
        boolean open = pr.path("state").asText().equals("open");
        int roll = forgeRng.nextInt(100);
        String what;
        if (!open && !pr.path("merged").asBoolean() && roll < 50) {
            pr.put("state", "open");
            what = "is reopened";
        } else if (!open) {
            timePasses(i);
            return;
        } else if (roll < 30) {
            String head = github.head(n);
            github.checkRuns.computeIfAbsent(head, k -> new com.fasterxml.jackson.databind.ObjectMapper()
                    .createArrayNode()).add(FakeGitHub.failedRun("test-" + (++feedback), "1 test failed",
                    "FooTest failed", "expected 2 but was 3"));
            what = "fails a check on " + head.substring(0, 8);
        } else if (roll < 50) {
            github.comments.computeIfAbsent(n, k -> new com.fasterxml.jackson.databind.ObjectMapper()
                    .createArrayNode()).add(FakeGitHub.reviewComment(++feedback, "reviewer", "README.md",
                    "please explain this"));
            what = "gets a review comment";
        } else if (roll < 65) {
            boolean conflicting = pr.path("mergeable").isBoolean() && !pr.path("mergeable").asBoolean();
            if (conflicting) {
                pr.putNull("mergeable");
            } else {
                pr.put("mergeable", false);
            }
            what = conflicting ? "no longer conflicts with its base" : "conflicts with its base";
        } else if (roll < 85) {
            pr.put("state", "closed");
            what = "is closed on GitHub";
        } else {
            what = github.mergeElsewhere(n) ? "is merged on GitHub" : "could not be merged on GitHub";
        }
        tally.merge("forge events", 1, Integer::sum);
        boolean refresh = forgeRng.nextInt(3) > 0;
        log.add(i + ": PR #" + n + " " + what + (refresh ? ", and PRs are refreshed" : ""));
        if (refresh) {
            call(orchestration.operations().refreshPullRequests());
        }
    }

    // --- time, faults, crashes --------------------------------------------------------------------------------------

    private void timePasses(int i) {
        passed = true;
        Duration d = Duration.ofSeconds(1 + rng.nextInt((int) MAX_TIME_STEP.toSeconds()));
        clock.advance(d);
        StringBuilder what = new StringBuilder(i + ": " + d.toSeconds() + " s pass");
        if (rng.nextInt(6) == 0) {
            what.append(duringClones());
        } else {
            pass();
        }
        if (rng.nextInt(3) == 0) {
            what.append(", the GC runs");
            call(orchestration.operations().runGcNow());
        }
        if (rng.nextInt(5) == 0) {
            what.append(", orphans are swept");
            onEngine(() -> {
                orchestration.scheduler().sweepOrphans();
                return null;
            });
        }
        if (rng.nextInt(5) == 0) {
            what.append(", PRs are refreshed");
            call(orchestration.operations().refreshPullRequests());
        }
        log.add(what.toString());
    }

    private void faultStarts(int i) {
        String[] on = {"test", "rm", "git", "du"};
        faultOn = on[rng.nextInt(on.length)];
        // test's own exit 1 means "no such folder", which a fault never fakes: only ssh's 255 or a timeout
        fault = switch (rng.nextInt(faultOn.equals("test") ? 2 : 3)) {
            case 0 -> FaultyExecutors.SSH_LOST;
            case 1 -> FaultyExecutors.TIMED_OUT;
            default -> new Result(1, "", faultOn + ": Permission denied", false);
        };
        faultSteps = 1 + rng.nextInt(4);
        log.add(i + ": fault: every '" + faultOn + "' " + (fault.timedOut() ? "times out" : "exits "
                + fault.exitCode()) + " for " + faultSteps + " steps");
        timePasses(i);
    }

    private void crash(int i) {
        boolean kill = rng.nextBoolean();
        log.add(i + ": Bosun crashes; its agents are " + (kill ? "killed" : "left running"));
        tally.merge("crashes of Bosun", 1, Integer::sum);
        engine.close();
        db.close();
        for (SimAgents.SimRun r : allRuns()) {
            if (r.alive && !r.orphaned) {
                if (kill) {
                    r.alive = false;
                } else {
                    r.orphaned = true;
                }
            }
        }
        open();
    }

    /**
     * A pass whose checkouts are held mid-clone (a slow clone, deterministically) while the GC runs and, sometimes,
     * the operator cancels an objective; then the clones go on.
     */
    private String duringClones() {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        executors.before = c -> {
            if (c.argv().contains("bosun-checkout")) { // the checkout's script (its clone from the mirror)
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        String what = ", checkouts are held mid-clone";
        try {
            schedulerPass();
            List<Session> starting = db.read(tx -> tx.sessions().live()).stream()
                    .filter(s -> s.status() == dev.bosun.domain.SessionStatus.STARTING)
                    .sorted(Comparator.comparing(Session::title)).toList();
            if (!starting.isEmpty() && rng.nextBoolean()) {
                Session s = starting.get(rng.nextInt(starting.size()));
                what += " while the operator messages " + s.title() + ", which is starting";
                call(orchestration.operations().messageSession(s.id(), "[op-" + (++tokens) + "] one more thing"),
                        false);
            }
            List<Objective> live = db.read(tx -> tx.objectives().live());
            if (!live.isEmpty() && rng.nextBoolean()) {
                Objective o = live.get(rng.nextInt(live.size()));
                what += " while the operator cancels " + o.title();
                call(orchestration.operations().cancelObjective(o.id(), "wrong repository"), false);
            }
            what += " and the GC runs";
            call(orchestration.operations().runGcNow(), false);
        } finally {
            executors.before = c -> { };
            release.countDown();
        }
        settle();
        pass();
        return what;
    }

    // --- the engine -------------------------------------------------------------------------------------------------

    /** A scheduler pass and the starts it launched, then the pass its wake asks for (as the running loop does). */
    void pass() {
        for (int k = 0; k < 2; k++) {
            schedulerPass();
            settle();
        }
    }

    private void schedulerPass() {
        onEngine(() -> {
            orchestration.scheduler().pass();
            return null;
        });
    }

    /** Waits until no start is in flight and the engine thread has handled everything queued so far. */
    void settle() {
        for (int k = 0; k < 2; k++) {
            long pause = 100_000;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // a follow-up's push too: an operator's merge must not race it differently from one run to the next
            while (onEngine(() -> orchestration.runs().startsInFlight()
                    + orchestration.followUpPushesInFlight()) > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("a start did not come back within 60 s");
                }
                // backing off: a clone takes tens of milliseconds, and probing the engine costs the cores it needs
                java.util.concurrent.locks.LockSupport.parkNanos(pause);
                pause = Math.min(pause * 2, 4_000_000);
            }
        }
    }

    <T> T onEngine(java.util.concurrent.Callable<T> work) {
        return await(engine.onEngine(work));
    }

    private <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the engine failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("the engine did not answer within 60 s", e);
        }
    }

    /** A tool call or operator action: a refusal is an answer (agents and operators get those), anything else a bug. */
    private void call(CompletableFuture<?> f) {
        call(f, true);
    }

    private void call(CompletableFuture<?> f, boolean settle) {
        try {
            f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof OperationRefused)) {
                throw new IllegalStateException("an operation failed: " + e.getCause(), e.getCause());
            }
            log.add("   refused: " + firstLine(e.getCause().getMessage()));
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("an operation did not answer within 60 s", e);
        }
        if (settle) {
            settle();
        }
    }

    static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** The tally, with the PRs this history opened. */
    Map<String, Integer> tally() {
        tally.put("PRs opened", db.read(tx -> tx.objectives().all()).stream()
                .mapToInt(o -> db.read(tx -> tx.pullRequests().forObjective(o.id())).size()).sum());
        return tally;
    }

    /** Where every objective stands, for a failure report: its sessions, questions, PRs and last audit events. */
    String state() {
        StringBuilder sb = new StringBuilder();
        for (Objective o : db.read(tx -> tx.objectives().all())) {
            sb.append("\n").append(o.title()).append(" ").append(o.status().wire()).append(" at ")
                    .append(clock.instant());
            for (Session s : db.read(tx -> tx.sessions().forObjective(o.id()))) {
                sb.append("\n  ").append(s.title()).append(" ").append(s.agent().label()).append(" ")
                        .append(s.status().wire()).append(" updated ").append(s.updatedAt());
            }
            db.read(tx -> tx.questions().openFor(o.id())).forEach(q -> sb.append("\n  open question: ")
                    .append(firstLine(q.text())));
            db.read(tx -> tx.pullRequests().forObjective(o.id())).forEach(p -> sb.append("\n  PR #")
                    .append(p.number()).append(" ").append(p.status().wire()));
            var events = db.read(tx -> tx.audit().forObjective(o.id()));
            events.subList(Math.max(0, events.size() - 12), events.size()).forEach(e -> sb.append("\n    ")
                    .append(e.at()).append(" ").append(e.type()).append(" [").append(e.actor()).append("] ")
                    .append(firstLine(e.summary())));
        }
        return sb.toString();
    }

    /** The last steps, for a failure report. */
    String tail(int n) {
        return String.join("\n", log.subList(Math.max(0, log.size() - n), log.size()));
    }

    @Override
    public void close() {
        engine.close();
        db.close();
        if (github != null) {
            github.close();
        }
    }

    /** True if {@code sha} is in the history of the checkout's HEAD. */
    static boolean isAncestor(Path checkout, String sha) {
        return git(checkout, "merge-base", "--is-ancestor", sha, "HEAD");
    }

    private static boolean git(Path dir, String... args) {
        List<String> argv = new ArrayList<>(List.of("git", "-C", dir.toString()));
        argv.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** True if the origin has the commit (pushed to some branch, merged, or in a PR). */
    static boolean inOrigin(Path origin, String sha) {
        return git(origin, "cat-file", "-e", sha + "^{commit}");
    }
}
