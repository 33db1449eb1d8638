package dev.bosun.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/**
 * The SQLite database: WAL mode, migrated at open, one writer connection (writes are serialised by a lock) and a
 * small pool of read-only connections that never block the writer. After each commit the rows of the UI tables that
 * the transaction touched are loaded and handed to the commit listeners, in commit order.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int READERS = 3;

    /** Work done inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    private final Path file;
    private final Clock clock;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> allReaders = new ArrayList<>();
    private final List<Consumer<List<Row>>> commitListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private Database(Path file, Clock clock, Connection writer) {
        this.file = file;
        this.clock = clock;
        this.writer = writer;
    }

    /** Opens (creating if needed) and migrates the database at {@code file}. */
    public static Database open(Path file, Clock clock) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // made rw------- before SQLite opens it: SQLite gives its -wal and -shm files the database's permissions
            OwnerOnly.file(file);
            for (String side : new String[] {"-wal", "-shm"}) {
                Path p = file.resolveSibling(file.getFileName() + side);
                if (Files.exists(p)) {
                    OwnerOnly.file(p);
                }
            }
        } catch (Exception e) {
            throw new StoreException("Cannot create the folder for the database " + file + ": " + e.getMessage(), e);
        }
        Connection writer = null;
        try {
            SQLiteConfig config = baseConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            writer = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            quickCheck(writer, file);
            Migrations.apply(writer, file, clock);
            writer.setAutoCommit(false);
            Database db = new Database(file, clock, writer);
            for (int i = 0; i < READERS; i++) {
                SQLiteConfig rc = baseConfig();
                rc.setReadOnly(true);
                Connection reader = rc.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
                reader.setAutoCommit(false);
                db.allReaders.add(reader);
                db.readers.add(reader);
            }
            return db;
        } catch (SQLException e) {
            closeQuietly(writer);
            throw new StoreException(describe(e, file), e);
        } catch (RuntimeException e) {
            closeQuietly(writer);
            throw e;
        }
    }

    private static SQLiteConfig baseConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(5000);
        config.enforceForeignKeys(true);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setCacheSize(-32_768);
        return config;
    }

    private static void quickCheck(Connection conn, Path file) throws SQLException {
        try (Statement st = conn.createStatement(); var rs = st.executeQuery("PRAGMA quick_check")) {
            String result = rs.next() ? rs.getString(1) : "ok";
            if (!"ok".equals(result)) {
                throw new StoreException("The database " + file + " is damaged (" + result + "). Restore a copy "
                        + "from the .bak files beside it, or move it away to start fresh.");
            }
        }
    }

    public Path file() {
        return file;
    }

    public Clock clock() {
        return clock;
    }

    /** Receives the touched UI rows after every commit, on the committing thread, in commit order. Keep it fast. */
    public void onCommit(Consumer<List<Row>> listener) {
        commitListeners.add(listener);
    }

    /** Runs {@code work} in one write transaction: all of it commits, or none of it. */
    public <T> T write(Work<T> work) {
        writeLock.lock();
        try {
            ensureOpen();
            Tx tx = new Tx(writer, clock.instant(), true);
            T result;
            try {
                result = work.run(tx);
                writer.commit();
            } catch (SQLException e) {
                rollback();
                throw new StoreException(describe(e, file), e);
            } catch (RuntimeException | Error e) {
                rollback();
                throw e;
            }
            publish(tx);
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code work} on a read-only connection that sees one consistent snapshot; never blocks the writer. */
    public <T> T read(Work<T> work) {
        ensureOpen();
        Connection conn;
        try {
            conn = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a database connection");
        }
        try {
            return work.run(new Tx(conn, clock.instant(), false));
        } catch (SQLException e) {
            throw new StoreException(describe(e, file), e);
        } finally {
            try {
                conn.rollback();
            } catch (SQLException e) {
                log.warn("Ending a read transaction failed", e);
            }
            readers.add(conn);
        }
    }

    private void publish(Tx tx) {
        if (tx.changes().isEmpty() || commitListeners.isEmpty()) {
            return;
        }
        List<Row> rows;
        try {
            rows = new ReadModel(tx).rowsFor(tx.changes());
            writer.commit();
        } catch (SQLException e) {
            rollback();
            log.error("Loading changed rows after a commit failed; the tables may be stale until the next change", e);
            return;
        }
        for (Consumer<List<Row>> listener : commitListeners) {
            try {
                listener.accept(rows);
            } catch (RuntimeException e) {
                log.error("A commit listener failed", e);
            }
        }
    }

    private void rollback() {
        try {
            writer.rollback();
        } catch (SQLException e) {
            log.error("Rollback failed", e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("The database " + file + " is closed");
        }
    }

    /** Turns SQLite errors into messages that say what to do. */
    static String describe(SQLException e, Path file) {
        int code = e.getErrorCode() & 0xff;
        if (code == SQLiteErrorCode.SQLITE_FULL.code) {
            return "The disk holding " + file + " is full. Free some space and try again; nothing was written.";
        }
        if (code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code) {
            return "The database " + file + " is locked by another program. Close it and try again.";
        }
        if (code == SQLiteErrorCode.SQLITE_READONLY.code || code == SQLiteErrorCode.SQLITE_CANTOPEN.code
                || code == SQLiteErrorCode.SQLITE_PERM.code) {
            return "Cannot write the database " + file + ": check that the folder exists and is writable.";
        }
        if (code == SQLiteErrorCode.SQLITE_CORRUPT.code || code == SQLiteErrorCode.SQLITE_NOTADB.code) {
            return "The database " + file + " is damaged or is not a Bosun database. Restore a copy from the .bak "
                    + "files beside it, or move it away to start fresh.";
        }
        return "Database error on " + file + ": " + e.getMessage();
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Connection reader : allReaders) {
                closeQuietly(reader);
            }
            try (Statement st = writer.createStatement()) {
                writer.commit();
                writer.setAutoCommit(true);
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException e) {
                log.warn("Checkpoint at close failed; the WAL file stays and is replayed at next start", e);
            }
            closeQuietly(writer);
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection conn) {
        if (conn == null) {
            return;
        }
        try {
            conn.close();
        } catch (SQLException e) {
            log.warn("Closing a database connection failed", e);
        }
    }
}
