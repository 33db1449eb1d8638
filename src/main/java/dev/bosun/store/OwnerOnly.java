package dev.bosun.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files and folders only their owner may read: the data folder holds prompts, transcripts, results and the operator's
 * token. Where the file system has no POSIX permissions (Windows), the user's profile folder already is private.
 */
public final class OwnerOnly {
    private OwnerOnly() {}

    /** Creates the folder (and its parents) if needed; the folder itself becomes {@code rwx------}. */
    public static Path folder(Path dir) throws IOException {
        Files.createDirectories(dir);
        restrict(dir, "rwx------");
        return dir;
    }

    /** Creates an empty {@code rw-------} file if there is none; an existing one becomes {@code rw-------}. */
    public static Path file(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rw-------")));
                return file;
            } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
                // no POSIX permissions here, or another process made it a moment ago: restricted below
            }
        }
        if (Files.exists(file)) {
            restrict(file, "rw-------");
        }
        return file;
    }

    private static void restrict(Path p, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }
}
