package dev.bosun.exec;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs commands on this machine. An agent ({@link #start}) leads its own process group, so a cancel kills all it
 * started; a short command ({@link #run}) does not: {@code setsid} costs one more exec per command, about a third of
 * the cost of a {@code git rev-parse}, and a timed-out command's children are still its descendants when it is killed.
 */
public final class LocalExecutor implements Executor {
    /** Bosun's own environment, as agents are started from it. */
    private final java.util.function.Supplier<java.util.Map<String, String>> bosunEnv;
    private final java.util.List<String> agentEnv;

    public LocalExecutor() {
        this(System::getenv);
    }

    /** With another environment to start agents from (tests). */
    public LocalExecutor(java.util.function.Supplier<java.util.Map<String, String>> bosunEnv) {
        this(bosunEnv, java.util.List.of());
    }

    /** @param agentEnv names (or {@code PREFIX_*}) the operator adds to what agents get of Bosun's environment */
    public LocalExecutor(java.util.function.Supplier<java.util.Map<String, String>> bosunEnv,
            java.util.List<String> agentEnv) {
        this.bosunEnv = bosunEnv;
        this.agentEnv = java.util.List.copyOf(agentEnv);
    }

    @Override
    public Result run(Command command) throws IOException, InterruptedException {
        return run(command, line -> { }, () -> { });
    }

    @Override
    public Result run(Command command, Consumer<String> stderrLines) throws IOException, InterruptedException {
        return run(command, stderrLines, () -> { });
    }

    /**
     * Runs {@code command}; stdout is kept exactly, stderr line by line, each line also given to {@code stderrLines}
     * as it comes. At the timeout {@code onTimeout} runs first (an SSH command kills its remote side there), then the
     * local process tree is killed.
     */
    Result run(Command command, Consumer<String> stderrLines, Runnable onTimeout)
            throws IOException, InterruptedException {
        Process p = builder(command, false).start();
        CompletableFuture<String> out = ProcessTree.readAll(p.getInputStream(), "exec-out-" + p.pid());
        StringBuilder err = new StringBuilder();
        Thread e = ProcessTree.drain(p.getErrorStream(), line -> {
            err.append(line).append('\n');
            stderrLines.accept(line);
        }, "exec-err-" + p.pid());
        try (OutputStream stdin = p.getOutputStream()) {
            if (command.stdin() != null) {
                stdin.write(command.stdin().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // the process does not read its input; that is its business
        }
        boolean finished = p.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            onTimeout.run();
            ProcessTree.killTree(p);
            p.waitFor(10, TimeUnit.SECONDS);
        }
        String stdout = ProcessTree.await(out);
        e.join(10_000);
        synchronized (err) {
            return new Result(finished ? p.exitValue() : -1, stdout, err.toString(), !finished);
        }
    }

    @Override
    public Running start(Command command, boolean interactive, Consumer<String> stdout, Consumer<String> stderr)
            throws IOException {
        Process p = builder(command, true).start();
        if (command.agent()) {
            AgentCpuShare.lower(p.pid());
        }
        Thread o = ProcessTree.drain(p.getInputStream(), stdout, "agent-out-" + p.pid());
        Thread e = ProcessTree.drain(p.getErrorStream(), stderr, "agent-err-" + p.pid());
        Writer stdin = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
        try {
            if (command.stdin() != null) {
                stdin.write(command.stdin());
                stdin.flush();
            }
            if (!interactive) {
                stdin.close();
            }
        } catch (IOException ignored) {
            // it exited (or closed its input) before reading: its exit code and output say what happened
        }
        CompletableFuture<Integer> exit = p.onExit().thenApply(done -> {
            try {
                o.join(5000);
                e.join(5000);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return done.exitValue();
        });
        return new Running() {
            @Override
            public synchronized void write(String line) throws IOException {
                stdin.write(line);
                stdin.write('\n');
                stdin.flush();
            }

            @Override
            public void closeInput() {
                try {
                    stdin.close();
                } catch (IOException ignored) {
                    // already closed or the process is gone
                }
            }

            @Override
            public void cancel() {
                ProcessTree.kill(p);
            }

            @Override
            public boolean alive() {
                return p.isAlive();
            }

            @Override
            public CompletableFuture<Integer> exit() {
                return exit;
            }
        };
    }

    private ProcessBuilder builder(Command command, boolean ownGroup) {
        ProcessBuilder pb = new ProcessBuilder(ownGroup ? ProcessTree.inOwnGroup(command.argv()) : command.argv());
        if (command.workDir() != null) {
            pb.directory(new File(command.workDir()));
        }
        if (command.agent()) {
            pb.environment().clear();
            pb.environment().putAll(AgentEnvironment.allowed(bosunEnv.get(), agentEnv));
        }
        pb.environment().putAll(command.env());
        return pb;
    }

    @Override
    public String describe() {
        return "local";
    }
}
