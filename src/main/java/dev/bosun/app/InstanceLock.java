package dev.bosun.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes sure one Bosun at a time uses a data folder: an OS file lock on {@code bosun.lock}, which the OS releases
 * even if Bosun is killed. The holder's pid is written into the file so the refusal can name it.
 */
public final class InstanceLock implements AutoCloseable {
    /** Another Bosun holds the data folder. The message says which one and what to do. */
    public static final class AlreadyRunning extends RuntimeException {
        AlreadyRunning(String message) {
            super(message, null, false, false);
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static InstanceLock acquire(Path lockFile) throws IOException {
        Files.createDirectories(lockFile.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = readHolder(channel);
            channel.close();
            throw new AlreadyRunning("Another Bosun" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                    + " is already using the data folder " + lockFile.getParent() + ". Switch to that window, stop "
                    + "the other Bosun, or start this one with --data-dir <another folder>.");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new InstanceLock(channel, lock);
    }

    private static String readHolder(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            channel.read(buf, 0);
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
