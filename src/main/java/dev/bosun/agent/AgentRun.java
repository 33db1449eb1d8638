package dev.bosun.agent;

/** A live agent process. Methods are called on the engine thread and must not block. */
public interface AgentRun {
    /** True if the agent reads further messages while it runs (a long-lived stream-json process). */
    boolean interactive();

    /**
     * Queues one message for the agent's input without waiting for the write. Only for interactive runs. Completes
     * true once it is written, false if it could not be (the process closed its input, or has stopped reading it):
     * then the message was not delivered.
     */
    java.util.concurrent.CompletableFuture<Boolean> send(String message);

    /** Ends the agent's input: it finishes what it is doing and exits. A no-op for a run that reads no input. */
    void finish();

    /** Stops the agent (its whole process tree); an {@link AgentEvent.Exited} follows. */
    void cancel();

    boolean alive();
}
