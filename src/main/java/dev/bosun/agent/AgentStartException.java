package dev.bosun.agent;

/** The agent could not be started; the message says why and what to do (e.g. install the CLI). */
public class AgentStartException extends Exception {
    public AgentStartException(String message) {
        super(message);
    }

    public AgentStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
