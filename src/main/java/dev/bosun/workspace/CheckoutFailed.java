package dev.bosun.workspace;

/** A checkout could not be prepared; the message names the step and git's own words. */
public final class CheckoutFailed extends Exception {
    public CheckoutFailed(String message) {
        super(message);
    }
}
