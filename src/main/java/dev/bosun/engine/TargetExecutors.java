package dev.bosun.engine;

import dev.bosun.domain.Target;
import dev.bosun.domain.TargetKind;
import dev.bosun.exec.Command;
import dev.bosun.exec.Executor;
import dev.bosun.exec.Result;
import dev.bosun.exec.LocalExecutor;
import dev.bosun.exec.Sandbox;
import dev.bosun.exec.SshExecutor;
import dev.bosun.exec.SshTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The executor for each target: this machine, or the system ssh to the target's host (one per target). */
public class TargetExecutors {
    private final Path controlDir;
    private final Path knownHosts;
    private final AgentRules rules;
    private final Map<String, String> probed = new ConcurrentHashMap<>();
    private final Executor local;
    private final Map<String, SshExecutor> ssh = new ConcurrentHashMap<>();

    /** The user's own known_hosts applies. */
    public TargetExecutors(Path controlDir) {
        this(controlDir, null);
    }

    /**
     * @param controlDir where SSH ControlMaster sockets live (a short, private folder)
     * @param knownHosts a known_hosts file of Bosun's own, or null for the user's
     */
    public TargetExecutors(Path controlDir, Path knownHosts) {
        this(controlDir, knownHosts, AgentRules.DEFAULTS);
    }

    /**
     * What agents get. {@code privateHere}: folders of Bosun's on this machine no sandboxed agent may see (its data
     * folder); {@code env}: names (or {@code PREFIX_*}) the operator adds to what agents get of Bosun's environment;
     * {@code sandbox}: whether agents run in a sandbox where a target can make one (the operator may turn it off);
     * {@code signIn}: the variables through which agents sign in, from the operator's settings (a key or a
     * long-lived token), given to every agent on every target, so each has a CLI folder of its own.
     */
    public record AgentRules(List<Path> privateHere, List<String> env, boolean sandbox, Map<String, String> signIn) {
        public static final AgentRules DEFAULTS = new AgentRules(List.of(), List.of(), true, Map.of());

        public AgentRules {
            privateHere = List.copyOf(privateHere);
            env = List.copyOf(env);
            signIn = Map.copyOf(signIn);
        }

        public AgentRules(List<Path> privateHere, List<String> env, boolean sandbox) {
            this(privateHere, env, sandbox, Map.of());
        }

        /** Never the values. */
        @Override
        public String toString() {
            return "AgentRules[privateHere=" + privateHere + ", env=" + env + ", sandbox=" + sandbox + ", signIn="
                    + new java.util.TreeSet<>(signIn.keySet()) + "]";
        }
    }

    public TargetExecutors(Path controlDir, Path knownHosts, AgentRules rules) {
        this.controlDir = controlDir;
        this.knownHosts = knownHosts;
        this.rules = rules;
        this.local = new LocalExecutor(System::getenv, rules.env());
    }

    /**
     * Where an agent on {@code t} runs: the target's executor, in a sandbox when its doctor found one works there,
     * hiding the target's work root (the other checkouts) and, here, Bosun's own folders.
     */
    public Executor forAgent(Target t) {
        Executor on = signedIn(forTarget(t), true);
        if (t == null || !rules.sandbox()) {
            return on;
        }
        String found = t.sandbox() != null ? t.sandbox() : probed.computeIfAbsent(t.id(), id -> probe(on));
        if (found.isBlank()) {
            return on;
        }
        List<String> hidden = new ArrayList<>();
        if (t.kind() == TargetKind.LOCAL) {
            rules.privateHere().forEach(p -> hidden.add(p.toString()));
        }
        hidden.add(t.workRoot());
        return new Sandbox(hidden, !found.endsWith(Sandbox.NO_NESTING)).around(on);
    }

    /**
     * {@code on}, with the operator's sign-in variables added to its agents' commands ({@code agentsOnly}) or to
     * all of them (the doctor, which reports how agents there sign in).
     */
    public Executor signedIn(Executor on, boolean agentsOnly) {
        if (rules.signIn().isEmpty()) {
            return on;
        }
        return new dev.bosun.exec.RewritingExecutor(on, c -> agentsOnly && !c.agent() ? c
                : c.withEnv(rules.signIn()));
    }

    /** The target's executor; this machine's for no target (a session without a checkout). */
    public Executor forTarget(Target t) {
        if (t == null || t.kind() == TargetKind.LOCAL) {
            return local;
        }
        return sshFor(t);
    }

    /**
     * The sandbox a target no doctor has answered for yet can make (this machine at start, before its
     * doctor ran): asked once, so an agent never starts unsandboxed only because the doctor was late.
     */
    private static String probe(Executor on) {
        try {
            Result r = on.run(Command.of("sh", "-c", Sandbox.PROBE + " || exit 1; " + Sandbox.PROBE_NESTED
                    + " >/dev/null 2>&1 || echo no").withTimeout(Duration.ofSeconds(30)));
            return r.exitCode() != 0 ? "" : "bubblewrap" + (r.stdout().isBlank() ? "" : Sandbox.NO_NESTING);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The SSH executor of an SSH target. */
    public SshExecutor sshFor(Target t) {
        String key = t.id() + "|" + t.user() + "@" + t.host() + ":" + t.port();
        return ssh.computeIfAbsent(key, k -> new SshExecutor(new SshTarget(t.host(),
                t.user() == null || t.user().isBlank() ? null : t.user(), t.port(),
                t.identityFile() == null || t.identityFile().isBlank() ? null : t.identityFile()), controlDir, knownHosts));
    }
}
