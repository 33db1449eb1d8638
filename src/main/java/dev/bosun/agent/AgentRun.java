package dev.bosun.agent;

/** A live agent process. Methods are called on the engine thread and must not block. */
public interface AgentRun {
    /** True if the agent reads further messages while it runs (a long-lived stream-json process). */
    boolean interactive();

    /**
     * Writes one message to the agent's input. Only for interactive runs. Returns false if it could not be written
     * (the process closed its input): the message was not delivered.
     */
    boolean send(String message);

    /** Ends the agent's input: it finishes what it is doing and exits. A no-op for a run that reads no input. */
    void finish();

    /** Stops the agent (its whole process tree); an {@link AgentEvent.Exited} follows. */
    void cancel();

    boolean alive();
}
