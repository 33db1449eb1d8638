package dev.bosun.app;

/** Bosun's version, from the jar's manifest (a development build from classes says so). */
final class Version {
    private Version() {}

    static String current() {
        String v = Bosun.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
