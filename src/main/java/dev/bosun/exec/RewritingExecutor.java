package dev.bosun.exec;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** Runs commands where {@code inner} runs them, each first rewritten (wrapped in a sandbox, given variables). */
public class RewritingExecutor implements Executor {
    private final Executor inner;
    private final UnaryOperator<Command> rewrite;

    public RewritingExecutor(Executor inner, UnaryOperator<Command> rewrite) {
        this.inner = inner;
        this.rewrite = rewrite;
    }

    @Override
    public Result run(Command command) throws IOException, InterruptedException {
        return inner.run(rewrite.apply(command));
    }

    @Override
    public Result run(Command command, Consumer<String> stderrLines) throws IOException, InterruptedException {
        return inner.run(rewrite.apply(command), stderrLines);
    }

    @Override
    public Running start(Command command, boolean interactive, Consumer<String> stdout, Consumer<String> stderr)
            throws IOException {
        return inner.start(rewrite.apply(command), interactive, stdout, stderr);
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public boolean remote() {
        return inner.remote();
    }

    @Override
    public boolean nestedSandboxes() {
        return inner.nestedSandboxes();
    }
}
