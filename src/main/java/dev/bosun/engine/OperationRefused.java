package dev.bosun.engine;

import java.util.Map;

/**
 * An operation that was not carried out, with a message that says why and what to do. {@code fieldErrors} maps an
 * input field (e.g. {@code prompt}, {@code repository}) to the message to show next to it. Nothing was changed.
 */
public final class OperationRefused extends RuntimeException {
    private final Map<String, String> fieldErrors;

    public OperationRefused(String message) {
        this(message, Map.of());
    }

    public OperationRefused(String message, Map<String, String> fieldErrors) {
        super(message, null, false, false);
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
