package dev.bosun.domain;

/**
 * A changed file's text on both sides of a pull request, to show its diff: empty where the file does not exist on
 * that side; {@code unshown} says why the text is not shown at all (binary, too large), else null.
 */
public record FileVersions(ChangedFile file, String before, String after, String unshown) {
    public static FileVersions unshown(ChangedFile file, String why) {
        return new FileVersions(file, "", "", why);
    }
}
