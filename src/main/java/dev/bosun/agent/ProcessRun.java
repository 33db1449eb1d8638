package dev.bosun.agent;

import dev.bosun.exec.Running;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** An agent that is one process: cancel kills its tree; its exit becomes exactly one {@link AgentEvent.Exited}. */
final class ProcessRun implements AgentRun {
    private final Running running;
    private final boolean interactive;
    private final Predicate<String> sender;

    /**
     * @param sender writes one message to the process and says whether it could; null for a process that reads no
     *     further input
     */
    ProcessRun(Running running, boolean interactive, Predicate<String> sender) {
        this.running = running;
        this.interactive = interactive;
        this.sender = sender;
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
        return interactive;
    }

    @Override
    public boolean send(String message) {
        if (sender == null) {
            throw new UnsupportedOperationException("this agent reads no input while it runs");
        }
        return sender.test(message);
    }

    @Override
    public void finish() {
        if (interactive) {
            running.closeInput();
        }
    }

    @Override
    public void cancel() {
        running.cancel();
    }

    @Override
    public boolean alive() {
        return running.alive();
    }
}
