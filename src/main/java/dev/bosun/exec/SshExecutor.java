package dev.bosun.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs commands on an SSH host through the system {@code ssh}, so the user's {@code ~/.ssh/config}, agent and
 * known_hosts apply. Short commands share one multiplexed connection (ControlMaster); each long-lived process gets a
 * connection of its own. The remote command is one shell string built only from quoted words. Every command leads a
 * new remote process group and reports its pid first, so a cancel or a timeout kills the whole remote tree; no tty is
 * used (stdin may carry data), so no hangup would. A command's environment (an agent's MCP token, API keys) travels
 * on stdin ahead of its own input, never in a command line: neither {@code ps} here nor on the host shows it.
 */
public final class SshExecutor implements Executor {
    static final String PID_MARK = "bosun-remote-pid ";
    /** What the remote side prints last, with its command's exit status: without it, the connection was lost. */
    static final String EXIT_MARK = "bosun-remote-exit ";

    private final SshTarget target;
    private final Path controlDir;
    private final Path knownHosts;
    private final LocalExecutor local = new LocalExecutor();

    /**
     * @param controlDir a private folder for the ControlMaster sockets (short paths: sockets have a length limit)
     * @param knownHosts the known_hosts file to use, or null for the user's own
     */
    public SshExecutor(SshTarget target, Path controlDir, Path knownHosts) {
        this.target = target;
        this.controlDir = controlDir;
        this.knownHosts = knownHosts;
    }

    @Override
    public Result run(Command command) throws IOException, InterruptedException {
        return run(command, line -> { });
    }

    @Override
    public Result run(Command command, Consumer<String> stderrLines) throws IOException, InterruptedException {
        ensureMaster();
        List<String> argv = sshArgs(true);
        argv.add(remoteLine(command));
        AtomicLong pid = new AtomicLong(-1);
        // Without a tty no hangup reaches the remote side, and a multiplexed session outlives our ssh: at the
        // timeout, kill the remote group first.
        Result r = local.run(new Command(argv, null, Map.of(), stdinOf(command), command.timeout()),
                line -> {
                    if (!rememberPid(line, pid) && !line.startsWith(EXIT_MARK)) {
                        stderrLines.accept(line);
                    }
                }, () -> killRemoteGroup(pid.get()));
        String stderr = r.stderr().lines().filter(l -> !l.startsWith(PID_MARK) && !l.startsWith(EXIT_MARK))
                .map(l -> l + "\n").collect(java.util.stream.Collectors.joining());
        return new Result(r.exitCode(), r.stdout(), stderr, r.timedOut());
    }

    private static boolean rememberPid(String line, AtomicLong pid) {
        if (pid.get() < 0 && line.startsWith(PID_MARK)) {
            pid.set(Long.parseLong(line.substring(PID_MARK.length()).strip()));
            return true;
        }
        return false;
    }

    @Override
    public Running start(Command command, boolean interactive, Consumer<String> stdout, Consumer<String> stderr)
            throws IOException {
        List<String> argv = sshArgs(false);
        argv.add(remoteLine(command));
        AtomicLong remotePid = new AtomicLong(-1);
        java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean canceled = new java.util.concurrent.atomic.AtomicBoolean();
        Running ssh = local.start(new Command(argv, null, Map.of(), stdinOf(command), command.timeout()), interactive,
                stdout, line -> {
                    if (line.startsWith(EXIT_MARK)) {
                        ended.set(true);
                    } else if (!rememberPid(line, remotePid)) {
                        stderr.accept(line);
                    }
                });
        return new Running() {
            @Override
            public void write(String line) throws IOException {
                ssh.write(line);
            }

            @Override
            public void closeInput() {
                ssh.closeInput();
            }

            @Override
            public void cancel() {
                canceled.set(true);
                killRemoteGroup(remotePid.get());
                ssh.cancel();
            }

            /** Ended without the remote side's last word, and not by us: the host may still run it. */
            @Override
            public boolean connectionLost() {
                return !ssh.alive() && !ended.get() && !canceled.get();
            }

            @Override
            public boolean alive() {
                return ssh.alive();
            }

            @Override
            public CompletableFuture<Integer> exit() {
                return ssh.exit();
            }
        };
    }

    private void killRemoteGroup(long pid) {
        if (pid <= 0) {
            return;
        }
        try {
            List<String> argv = sshArgs(true);
            // "kill -9 -PGID": the form every login shell takes (dash refuses "--")
            argv.add(Shell.join(List.of("kill", "-9", "-" + pid)));
            local.run(new Command(argv, null, Map.of(), null, java.time.Duration.ofSeconds(20)));
        } catch (IOException e) {
            // the host is unreachable: killing the local ssh is all that is left
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the shared connection once, detached from every pipe of ours: a master started by an ordinary command
     * (ControlMaster=auto) would keep that command's stderr open for its whole life. If it dies, commands connect on
     * their own (ControlMaster=no falls back to a direct connection) until the next one restarts it.
     */
    private synchronized void ensureMaster() throws IOException, InterruptedException {
        Files.createDirectories(controlDir);
        if (Files.exists(controlSocket())) {
            return;
        }
        List<String> argv = sshArgs(false);
        int at = argv.indexOf("ControlMaster=no");
        argv.set(at, "ControlMaster=yes");
        argv.set(argv.indexOf("ControlPath=none"), "ControlPath=" + controlSocket());
        argv.addAll(argv.indexOf("--"), List.of("-o", "ControlPersist=60", "-N", "-f"));
        Process master = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        master.getOutputStream().close();
        if (!master.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            master.destroyForcibly();
        }
    }

    private Path controlSocket() {
        // sockets have a short length limit: a fixed short name per destination
        return controlDir.resolve(Integer.toHexString((target.destination() + ":" + target.port()).hashCode()));
    }

    /**
     * The argv of {@code ssh -N -R 0:127.0.0.1:<localPort>} to this target, on a connection of its own: the SSH
     * server picks the remote port and reports it ("Allocated port N"); a forward that cannot be set up ends it.
     */
    List<String> reverseTunnelArgs(int localPort) {
        List<String> argv = sshArgs(false);
        argv.addAll(argv.indexOf("--"), List.of("-N", "-o", "ExitOnForwardFailure=yes", "-R",
                "0:127.0.0.1:" + localPort));
        return argv;
    }

    private List<String> sshArgs(boolean multiplexed) {
        List<String> a = new ArrayList<>(List.of("ssh", "-T",
                "-o", "BatchMode=yes",
                "-o", "ConnectTimeout=10",
                "-o", "StrictHostKeyChecking=accept-new",
                "-o", "ServerAliveInterval=15",
                "-o", "ServerAliveCountMax=3",
                "-p", Integer.toString(target.port())));
        if (multiplexed) {
            a.addAll(List.of("-o", "ControlMaster=no", "-o", "ControlPath=" + controlSocket()));
        } else {
            a.addAll(List.of("-o", "ControlMaster=no", "-o", "ControlPath=none"));
        }
        if (knownHosts != null) {
            a.addAll(List.of("-o", "UserKnownHostsFile=" + knownHosts));
        }
        if (target.identityFile() != null) {
            a.addAll(List.of("-i", target.identityFile(), "-o", "IdentitiesOnly=yes"));
        }
        a.add("--");
        a.add(target.destination());
        return a;
    }

    /**
     * The one string the remote shell runs: cd and argv, every word quoted. {@code setsid -w} makes a shell that
     * leads a new process group; it first prints its pid (= the group id) on stderr, for cancel and timeouts, runs the
     * command and last prints its exit status, which tells a command that ended from a connection that was lost. With
     * an environment, it first reads {@code NAME=value} lines from stdin up to an empty one ({@code read} takes a pipe
     * a byte at a time, so the command's own input is left whole).
     */
    static String remoteLine(Command command) {
        StringBuilder sb = new StringBuilder();
        if (command.workDir() != null) {
            sb.append("cd ").append(Shell.quote(command.workDir())).append(" && ");
        }
        String readEnv = command.env().isEmpty() ? ""
                : " while IFS= read -r v && [ -n \"$v\" ]; do export \"$v\"; done;";
        sb.append("exec setsid -w sh -c ").append(Shell.quote("echo '" + PID_MARK + "'$$ >&2;" + readEnv
                + " \"$@\"; s=$?; echo '" + EXIT_MARK + "'$s >&2; exit $s")).append(" sh ")
                .append(Shell.join(command.argv()));
        return sb.toString();
    }

    /** What the remote side reads on stdin: the environment's lines and an empty one (if any), then the input. */
    static String stdinOf(Command command) {
        if (command.env().isEmpty()) {
            return command.stdin();
        }
        StringBuilder sb = new StringBuilder();
        command.env().forEach((k, v) -> {
            if (!k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("invalid environment variable name: " + k);
            }
            if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("the value of " + k + " has a line break or a NUL, which no "
                        + "environment variable on an SSH target can carry");
            }
            sb.append(k).append('=').append(v).append('\n');
        });
        return sb.append('\n').append(command.stdin() == null ? "" : command.stdin()).toString();
    }

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public String describe() {
        return target.destination() + ":" + target.port();
    }
}
