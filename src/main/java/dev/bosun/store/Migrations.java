package dev.bosun.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations: {@code dev/bosun/db/V001__name.sql}, {@code V002__…}, applied in order, each in its
 * own transaction together with {@code PRAGMA user_version}. Before migrating a database that already holds data, a
 * consistent copy is set aside with {@code VACUUM INTO}, so a failed or unwanted upgrade loses nothing.
 */
public final class Migrations {
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);
    private static final String FOLDER = "/dev/bosun/db/";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    record Migration(int version, String name, String sql) {}

    private Migrations() {}

    /**
     * All migrations listed in {@code index.txt}, in version order. An index (rather than scanning) works the same
     * from a directory, a jar and a jlinked image; a gap or a duplicate version is a build error.
     */
    static List<Migration> available() {
        List<Migration> found = new ArrayList<>();
        for (String name : read(FOLDER + "index.txt").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            var m = java.util.regex.Pattern.compile("V(\\d{3})__\\w+\\.sql").matcher(name);
            if (!m.matches() || Integer.parseInt(m.group(1)) != found.size() + 1) {
                throw new StoreException("schema index lists " + name + " out of order (a broken build?)");
            }
            found.add(new Migration(found.size() + 1, name, read(FOLDER + name)));
        }
        return found;
    }

    private static String read(String resource) {
        try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new StoreException("missing schema resource " + resource + " (a broken build?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read schema resource " + resource, e);
        }
    }

    /** Brings the database at {@code file} (open on {@code conn}) to the newest schema. Returns the version. */
    static int apply(Connection conn, Path file, Clock clock) throws SQLException {
        return apply(conn, file, clock, available());
    }

    static int apply(Connection conn, Path file, Clock clock, List<Migration> all) throws SQLException {
        int latest = all.isEmpty() ? 0 : all.get(all.size() - 1).version();
        int current = userVersion(conn);
        if (current > latest) {
            throw new StoreException("The database " + file + " has schema version " + current
                    + " but this Bosun knows only up to " + latest
                    + ". It was written by a newer Bosun: run that version, or start with another --data-dir.");
        }
        if (current == latest) {
            return current;
        }
        if (current > 0) {
            Path backup = file.resolveSibling(file.getFileName() + ".v" + current + "-"
                    + STAMP.format(clock.instant()) + ".bak");
            try (Statement st = conn.createStatement()) {
                st.execute("VACUUM INTO '" + backup.toString().replace("'", "''") + "'");
            }
            log.info("Copied the database aside to {} before migrating from schema {} to {}", backup, current, latest);
        }
        for (Migration m : all) {
            if (m.version() <= current) {
                continue;
            }
            boolean autoCommit = conn.getAutoCommit();
            conn.setAutoCommit(false);
            try (Statement st = conn.createStatement()) {
                for (String sql : statements(m.sql())) {
                    st.execute(sql);
                }
                st.execute("PRAGMA user_version = " + m.version());
                conn.commit();
                log.info("Applied schema migration {}", m.name());
            } catch (SQLException | RuntimeException e) {
                conn.rollback();
                throw new StoreException("Schema migration " + m.name() + " failed: " + e.getMessage()
                        + ". The database was left at version " + userVersion(conn) + ".", e);
            } finally {
                conn.setAutoCommit(autoCommit);
            }
        }
        return latest;
    }

    static int userVersion(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement(); var rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Splits a script at semicolons that end a line; comments are dropped. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.lines().toList()) {
            String stripped = line.strip();
            if (stripped.startsWith("--") || stripped.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (stripped.endsWith(";")) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
