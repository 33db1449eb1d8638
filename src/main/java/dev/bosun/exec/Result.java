package dev.bosun.exec;

/** How a finished command went. {@code timedOut} means it was killed at its timeout. */
public record Result(int exitCode, String stdout, String stderr, boolean timedOut) {
    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }

    /** The first non-blank line of stderr (else stdout): what a person needs to see of a failure. */
    public String firstErrorLine() {
        String text = stderr.isBlank() ? stdout : stderr;
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("exit " + exitCode);
    }
}
