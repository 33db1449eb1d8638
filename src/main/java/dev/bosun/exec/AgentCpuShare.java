package dev.bosun.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gives an agent's session a smaller share of the CPU than Bosun's own. Linux puts each session ({@code setsid}, as
 * every agent here is started) in a scheduling group of its own, and shares the CPU between groups: with 30 agents
 * busy, Bosun's one group got a thirty-first of the machine, and operators' calls waited 0.5-5 s behind agents'
 * output. Writing a nice value to {@code /proc/<pid>/autogroup} weighs the agent's whole group (it and everything it
 * starts) lower, with no process of its own, unlike {@code nice}, which costs an exec per agent.
 *
 * <p>The write waits until the process leads its own session: before its {@code setsid} it is still in Bosun's group,
 * and the write would lower Bosun itself. Where autogroups are off or unknown, nothing is done.
 */
final class AgentCpuShare {
    /**
     * An agent group's niceness: weight 15 against Bosun's 1024, so Bosun has the CPU when it needs it and agents
     * have the rest. At nice 10 (weight 110), 100 busy agents still outweighed Bosun ten to one: operators' calls
     * p99 187 ms, max 1.5 s; at 19, 15 ms and 0.2 s (the many-objectives bench).
     */
    static final int NICE = 19;

    /** After the start: by then {@code setsid} has run, or it is looked at again later. */
    private static final long[] CHECKS_MS = {2, 10, 50, 250, 1000};

    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bosun-agent-cpu-share");
        t.setDaemon(true);
        return t;
    });

    private AgentCpuShare() {}

    /** Lowers the share of the session that {@code pid} leads, once it leads one. */
    static void lower(long pid) {
        String own = group("self");
        if (own != null) {
            LATER.schedule(() -> check(pid, own, 0), CHECKS_MS[0], TimeUnit.MILLISECONDS);
        }
    }

    private static void check(long pid, String own, int attempt) {
        String group = group(Long.toString(pid));
        if (group == null) {
            return; // it has ended
        }
        if (!group.equals(own)) {
            try {
                Files.writeString(Path.of("/proc", Long.toString(pid), "autogroup"), Integer.toString(NICE));
            } catch (IOException | RuntimeException e) {
                // not ours to change any more, or the kernel refuses: it keeps the default share
            }
        } else if (attempt + 1 < CHECKS_MS.length) {
            LATER.schedule(() -> check(pid, own, attempt + 1), CHECKS_MS[attempt + 1], TimeUnit.MILLISECONDS);
        }
    }

    /** The autogroup's name ({@code /autogroup-123}), or null. */
    static String group(String pid) {
        String line = autogroup(pid);
        return line == null || line.indexOf(' ') < 0 ? line : line.substring(0, line.indexOf(' '));
    }

    /** The niceness of the group of {@code pid}, or null where there is none to read. */
    static Integer nice(long pid) {
        String line = autogroup(Long.toString(pid));
        try {
            return line == null ? null : Integer.valueOf(line.substring(line.lastIndexOf(' ') + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code /proc/<pid>/autogroup}: "/autogroup-123 nice 0", or null (no such process, or no autogroups). */
    private static String autogroup(String pid) {
        try {
            return Files.readString(Path.of("/proc", pid, "autogroup")).trim();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
