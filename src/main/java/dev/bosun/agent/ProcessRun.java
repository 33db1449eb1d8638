package dev.bosun.agent;

import dev.bosun.domain.TranscriptKind;
import dev.bosun.exec.Running;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** An agent that is one process: cancel kills its tree; its exit becomes exactly one {@link AgentEvent.Exited}. */
final class ProcessRun implements AgentRun {
    private final Running running;
    /** Its stdin, with {@link #lineOf}; null for a process that reads no further input. */
    private final AgentInput input;
    private final UnaryOperator<String> lineOf;

    private ProcessRun(Running running, AgentInput input, UnaryOperator<String> lineOf) {
        this.running = running;
        this.input = input;
        this.lineOf = lineOf;
    }

    /** A process that reads no input after its start. */
    static ProcessRun oneShot(Running running) {
        return new ProcessRun(running, null, null);
    }

    /**
     * A process that reads one line per message while it runs ({@code lineOf} makes it); a line that cannot be
     * written is told to {@code listener} as an error.
     */
    static ProcessRun interactive(Running running, UnaryOperator<String> lineOf, AgentListener listener,
            String program) {
        return new ProcessRun(running, new AgentInput(running, why -> listener.on(new AgentEvent.Output(
                TranscriptKind.ERROR, "could not write to " + program + ": " + why, null))), lineOf);
    }

    /**
     * Reports the process's end once its output is drained: success when it exited 0 and {@code failed} says
     * nothing went wrong; the summary is its {@code result}, followed on failure by how it exited.
     */
    static void reportExit(Running running, AgentListener listener, String program, Supplier<String> result,
            BooleanSupplier failed) {
        running.exit().whenComplete((code, error) -> {
            if (error == null && running.connectionLost()) {
                listener.on(new AgentEvent.Lost("the connection to its host was lost (" + program + "'s ssh ended "
                        + code + ")"));
                return;
            }
            boolean ok = error == null && code == 0 && !failed.getAsBoolean();
            String text = result.get();
            listener.on(new AgentEvent.Exited(ok, ok ? text : (text.isEmpty() ? "" : text + "\n") + program
                    + " exited " + (error == null ? code : error.getMessage())));
        });
    }

    @Override
    public boolean interactive() {
        return input != null;
    }

    @Override
    public CompletableFuture<Boolean> send(String message) {
        if (input == null) {
            throw new UnsupportedOperationException("this agent reads no input while it runs");
        }
        return input.write(lineOf.apply(message));
    }

    @Override
    public void finish() {
        if (input != null) {
            input.close();
        }
    }

    @Override
    public void cancel() {
        if (input != null) {
            input.abandon();
        }
        running.cancel();
    }

    @Override
    public boolean alive() {
        return running.alive();
    }
}
