package dev.bosun.engine;

import dev.bosun.domain.AgentKind;
import dev.bosun.exec.Command;
import dev.bosun.exec.Executor;
import dev.bosun.exec.Result;
import dev.bosun.exec.Sandbox;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a target in one round trip: it answers, git is there, the work root is writable, at least one agent is
 * runnable (claude or codex, or java for the demo agent); gh is optional. A target is online only when every required
 * check passes.
 */
public final class TargetDoctor {
    /** One check; {@code detail} says what was found or what is missing. */
    public record Check(String name, boolean ok, boolean required, String detail) {}

    /**
     * {@code agents}: the kinds of agent the target can run (claude, codex, java for the demo agent); null when the
     * target did not answer. {@code sandbox}: the bubblewrap that isolates agents there ({@code bubblewrap 0.8.0}),
     * blank when none can, null when the target did not answer.
     */
    public record Report(List<Check> checks, Long freeDiskMb, Set<AgentKind> agents, String sandbox) {
        public boolean passed() {
            return checks.stream().allMatch(c -> c.ok() || !c.required());
        }

        /** One line per check, e.g. {@code ✓ git: git version 2.39.5} or {@code ✗ work root: … not writable}. */
        public String text() {
            return checks.stream().map(c -> (c.ok() ? "✓ " : c.required() ? "✗ " : "– ") + c.name() + ": "
                    + c.detail()).collect(Collectors.joining("\n"));
        }
    }

    // The work root arrives as $1, the agents' programs after it, never spliced into the script.
    private static final String SCRIPT = String.join("\n",
            "root=\"$1\"; shift",
            "if command -v git >/dev/null 2>&1; then echo \"git=ok $(git --version)\"; else echo 'git=missing'; fi",
            "if mkdir -p \"$root\" 2>/dev/null && [ -d \"$root\" ] && [ -w \"$root\" ]; then echo \"root=ok $root\";"
                    + " else echo \"root=missing $root\"; fi",
            "i=0; for c in \"$@\" gh; do i=$((i+1)); if p=$(command -v \"$c\" 2>/dev/null); then echo \"p$i=ok $p\";"
                    + " else echo \"p$i=missing\"; fi; done",
            "echo \"disk=$(df -Pk \"$root\" 2>/dev/null | awk 'NR==2 {print $4}')\"",
            "if ! command -v bwrap >/dev/null 2>&1; then echo \"sandbox=missing $(uname -s)\";"
                    + " elif e=$(" + Sandbox.PROBE + " 2>&1); then if " + Sandbox.PROBE_NESTED + " >/dev/null 2>&1;"
                    + " then echo \"sandbox=ok $(bwrap --version)\"; else echo \"sandbox=ok $(bwrap --version)"
                    + Sandbox.NO_NESTING + "\"; fi;"
                    + " else echo \"sandbox=broken $(printf %s \"$e\" | head -n 1)\"; fi",
            // whether agents there sign in with a key (then each has a CLI folder of its own) or through the folder
            "for c in claude:" + String.join(",", Sandbox.signInKeys("claude")) + " codex:"
                    + String.join(",", Sandbox.signInKeys("codex")) + "; do k=0; IFS=,; for v in ${c#*:}; do"
                    + " eval 'y=${'\"$v\"':-}'; [ -n \"$y\" ] && k=1; done; unset IFS; echo \"key-${c%%:*}=$k\"; done");

    /** The programs Bosun runs for each kind of agent (what the doctor looks for), e.g. a configured path. */
    public record Programs(String claude, String codex, String java) {
        public static final Programs DEFAULTS = new Programs("claude", "codex", "java");
    }

    private TargetDoctor() {}

    public static Report examine(Executor on, String workRoot) throws InterruptedException {
        return examine(on, workRoot, Programs.DEFAULTS);
    }

    public static Report examine(Executor on, String workRoot, Programs programs) throws InterruptedException {
        Result r;
        try {
            r = on.run(Command.of("sh", "-c", SCRIPT, "doctor", workRoot, programs.claude(), programs.codex(),
                    programs.java()).withTimeout(Duration.ofSeconds(30)));
        } catch (IOException e) {
            return unreachable(on, e.getMessage());
        }
        if (r.timedOut() || r.exitCode() == 255 || !r.stdout().contains("git=")) {
            return unreachable(on, r.timedOut() ? "no answer within 30 s" : r.firstErrorLine());
        }
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("connection", true, true, on.describe() + " answered"));
        String git = value(r, "git");
        checks.add(new Check("git", git != null, true, git != null ? git : "git is not installed or not on PATH"));
        String root = value(r, "root");
        checks.add(new Check("work root", root != null, true,
                root != null ? workRoot + " is writable" : workRoot + " cannot be created or is not writable"));
        String claude = value(r, "p1");
        String codex = value(r, "p2");
        String java = value(r, "p3");
        List<String> agents = new ArrayList<>();
        Set<AgentKind> kinds = EnumSet.noneOf(AgentKind.class);
        if (claude != null) {
            agents.add("claude at " + claude);
            kinds.add(AgentKind.CLAUDE);
        }
        if (codex != null) {
            agents.add("codex at " + codex);
            kinds.add(AgentKind.CODEX);
        }
        if (java != null) {
            agents.add("java for the demo agent");
            kinds.add(AgentKind.DEMO);
        }
        checks.add(new Check("agent CLI", !agents.isEmpty(), true, !agents.isEmpty() ? String.join(", ", agents)
                : "neither claude nor codex is installed (npm install -g @anthropic-ai/claude-code or @openai/codex)"));
        checks.add(new Check("java", java != null, false, java != null ? java + " (runs the demo agent)"
                : "not installed: the demo agent cannot run here (install a Java 17 runtime, e.g. "
                        + "apt-get install default-jre-headless)"));
        String gh = value(r, "p4");
        checks.add(new Check("gh", gh != null, false, gh != null ? gh : "not installed (optional)"));
        Long freeMb = null;
        String disk = r.stdout().lines().filter(l -> l.startsWith("disk=")).findFirst().orElse("disk=")
                .substring("disk=".length()).strip();
        if (disk.matches("\\d+")) {
            freeMb = Long.parseLong(disk) / 1024;
        }
        String sandbox = value(r, "sandbox");
        checks.add(new Check("sandbox", sandbox != null, false, sandbox != null
                ? sandbox + ": each agent sees its checkout and its CLI, not the operator's files nor Bosun's"
                        + (sandbox.endsWith(Sandbox.NO_NESTING) ? " (the kernel allows no sandbox in it, as for "
                        + "root: Codex runs without its own, in Bosun's)" : "")
                : noSandbox(r)));
        if (sandbox != null) {
            signIn(r, "claude", claude != null, "~/.claude", "\"Claude token for agents\" (from claude setup-token)",
                    checks);
            signIn(r, "codex", codex != null, "~/.codex", "\"Codex key for agents\" (an OpenAI API key)", checks);
        }
        return new Report(checks, freeMb, kinds, sandbox == null ? "" : sandbox);
    }

    /**
     * How agents of {@code cli} sign in there (Bosun's own setting included): with a key each has a CLI folder of its
     * own; through the folder they share it read-write (a subscription login's refresh token is single-use), and one
     * could change the operator's CLI settings.
     */
    private static void signIn(Result r, String cli, boolean found, String folder, String remedy, List<Check> checks) {
        if (!found) {
            return;
        }
        boolean keyed = r.stdout().lines().anyMatch(l -> l.equals("key-" + cli + "=1"));
        checks.add(new Check(cli + " sign-in", keyed, false, keyed
                ? "with a key: each agent has a " + cli + " folder of its own, your settings read-only"
                : "through " + folder + " (a subscription login): agents share that folder read-write, so one could "
                        + "change your " + cli + " settings. To keep them out of it, set " + remedy + " in Settings, "
                        + "or give agents " + String.join(" or ", Sandbox.signInKeys(cli)) + " in their environment"));
    }

    private static Report unreachable(Executor on, String why) {
        return new Report(List.of(new Check("connection", false, true, on.describe() + ": " + why)), null, null,
                null);
    }

    /** Why agents there run unsandboxed, and what to do. */
    private static String noSandbox(Result r) {
        String line = r.stdout().lines().filter(l -> l.startsWith("sandbox=")).findFirst().orElse("sandbox=missing");
        String detail = line.substring(line.indexOf(' ') + 1).strip();
        if (line.startsWith("sandbox=broken")) {
            return "bubblewrap cannot make a sandbox here (" + detail + "): agents run unsandboxed, as the target's "
                    + "user. Allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1; on Ubuntu "
                    + "an AppArmor profile for bwrap) and run the doctor again.";
        }
        if (!detail.isEmpty() && !detail.equals("Linux")) {
            return "no sandbox on " + detail + ": agents run unsandboxed, as the target's user, and can read "
                    + "whatever it can.";
        }
        return "bubblewrap is not installed: agents run unsandboxed, as the target's user, and can read whatever "
                + "it can. Install it (apt-get install bubblewrap, dnf install bubblewrap) and run the doctor again.";
    }

    /** The text after {@code name=ok }, or null when the check reported missing. */
    private static String value(Result r, String name) {
        return r.stdout().lines().filter(l -> l.startsWith(name + "=ok")).findFirst()
                .map(l -> l.substring((name + "=ok").length()).strip()).orElse(null);
    }
}
