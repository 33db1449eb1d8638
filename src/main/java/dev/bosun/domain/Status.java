package dev.bosun.domain;

/** A lifecycle status of some entity. Terminal statuses are final: no transition leaves them. */
public interface Status {
    boolean terminal();

    /** The lowercase name stored in the database and shown to people, e.g. {@code waiting_user}. */
    default String wire() {
        return WireNames.of((Enum<?>) this);
    }
}
