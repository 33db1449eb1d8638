package dev.bosun.engine;

import dev.bosun.domain.Target;
import dev.bosun.exec.Command;
import dev.bosun.exec.Executor;
import dev.bosun.exec.Result;
import dev.bosun.exec.Running;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The real executors, with the faults of a real host injected where a test chooses: before each command runs, a
 * hook may hold it (a slow clone), and {@link #fault} may answer it instead of running it (ssh exit 255, a timeout,
 * {@code rm} refused). Long-lived processes (agents) are not touched.
 */
final class FaultyExecutors extends TargetExecutors {
    /** Called on the io thread before each command; may block to hold it. */
    volatile Consumer<Command> before = c -> {};
    /** A result to return instead of running the command, or null to run it. */
    volatile Function<Command, Result> fault = c -> null;

    FaultyExecutors(Path controlDir, Path knownHosts) {
        super(controlDir, knownHosts);
    }

    static final Result SSH_LOST = new Result(255, "", "ssh: connect to host: Connection reset by peer", false);
    static final Result TIMED_OUT = new Result(-1, "", "", true);

    /** Simulated agents start no process: no sandbox to probe for or wrap them in. */
    @Override
    public Executor forAgent(Target t) {
        return forTarget(t);
    }

    @Override
    public Executor forTarget(Target t) {
        Executor real = super.forTarget(t);
        return new Executor() {
            @Override
            public Result run(Command command) throws IOException, InterruptedException {
                before.accept(command);
                Result injected = fault.apply(command);
                return injected != null ? injected : real.run(command);
            }

            @Override
            public Running start(Command command, boolean interactive, Consumer<String> stdout,
                    Consumer<String> stderr) throws IOException {
                return real.start(command, interactive, stdout, stderr);
            }

            @Override
            public String describe() {
                return real.describe();
            }

            @Override
            public boolean remote() {
                return real.remote();
            }
        };
    }
}
