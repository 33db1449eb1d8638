package dev.bosun.forge;

/** A forge (GitHub) refused or failed a request; the message says what happened and what to do. */
public final class ForgeException extends Exception {
    public ForgeException(String message) {
        super(message, null, false, false);
    }
}
