package dev.bosun.agent;

import dev.bosun.exec.Command;
import dev.bosun.exec.Executor;
import dev.bosun.exec.Result;
import java.io.IOException;
import java.time.Duration;

/**
 * Agent processes an earlier Bosun left running (it was killed, or lost its ssh connection while the agent went on).
 * Every agent Bosun starts carries its session's id in its environment ({@link #SESSION_VARIABLE}) and runs in a
 * process group of its own; before a session's agent starts again, every process group on its target that holds a
 * process carrying that id is killed, so two agents never work in one checkout. The environment, not the process id,
 * identifies them: a recorded pid may belong to another program by the next boot.
 */
public final class LeftBehind {
    public static final String SESSION_VARIABLE = "BOSUN_SESSION_ID";

    // The session id arrives as $1, never spliced into the script. Linux's /proc (one grep reads every environment);
    // elsewhere nothing is found. The shell reads each stat itself: one process per call, not five.
    private static final String SCRIPT = String.join("\n",
            "want=\"" + SESSION_VARIABLE + "=$1\"",
            // a process group from /proc/<pid>/stat: field 3 after the name in parentheses; the name may hold
            // spaces, ") " and newlines (an agent names its program), so the lines are joined and the last ") " ends it
            "pgrp() { g=; s=; while IFS= read -r l || [ -n \"$l\" ]; do s=\"$s$l \"; done 2>/dev/null < \"$1/stat\";"
                    + " s=${s##*\") \"}; set -- $s; g=$3; }",
            "pgrp /proc/$$; self=$g; seen=' '",
            "for e in $(grep -lzxF \"$want\" /proc/[0-9]*/environ 2>/dev/null); do",
            "  pgrp \"${e%/environ}\"",
            "  case $g in ''|*[!0-9]*) continue;; esac",
            "  case $seen in *\" $g \"*) continue;; esac; seen=\"$seen$g \"",
            "  [ \"$g\" -gt 1 ] && [ \"$g\" != \"$self\" ] || continue",
            "  kill -9 \"-$g\" 2>/dev/null && echo \"$g\"", // dash refuses "kill -KILL -- -PGID"
            "done",
            "exit 0");

    private LeftBehind() {}

    /** Blocking (io threads): kills what still runs for the session on {@code on}; returns the groups it killed. */
    public static int kill(Executor on, String sessionId) throws AgentStartException, InterruptedException {
        if (!sessionId.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("not a session id: " + sessionId);
        }
        Result r;
        try {
            r = on.run(Command.of("sh", "-c", SCRIPT, "left-behind", sessionId).withTimeout(Duration.ofSeconds(30)));
        } catch (IOException e) {
            throw new AgentStartException("cannot reach " + on.describe() + " to stop what an earlier run left there: "
                    + e.getMessage(), e);
        }
        if (!r.ok()) {
            // an agent may still run there: starting a twin beside it is worse than waiting for the next attempt
            throw new AgentStartException("could not check " + on.describe() + " for an agent an earlier run left "
                    + "running: " + (r.timedOut() ? "no answer within 30 s" : r.firstErrorLine()));
        }
        return (int) r.stdout().lines().filter(l -> !l.isBlank()).count();
    }
}
