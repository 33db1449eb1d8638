package dev.bosun.forge;

/** Publishing a branch failed; the message says why and what to do. */
public final class PublishFailed extends Exception {
    public PublishFailed(String message) {
        super(message, null, false, false);
    }
}
