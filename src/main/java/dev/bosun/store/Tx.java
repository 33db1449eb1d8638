package dev.bosun.store;

import dev.bosun.domain.Actor;
import dev.bosun.domain.WireNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One transaction: a write transaction (from {@link Database#write}) or a read snapshot (from {@link Database#read}).
 * It gives access to the repositories and fixes "now" once, so every row written together carries the same time.
 */
public final class Tx {
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Connection conn;
    private final Instant now;
    private final boolean writable;
    private final ChangeSet changes = new ChangeSet();

    Tx(Connection conn, Instant now, boolean writable) {
        this.conn = conn;
        this.now = now;
        this.writable = writable;
    }

    public Instant now() {
        return now;
    }

    public Objectives objectives() {
        return new Objectives(this);
    }

    public Sessions sessions() {
        return new Sessions(this);
    }

    public Targets targets() {
        return new Targets(this);
    }

    public Workspaces workspaces() {
        return new Workspaces(this);
    }

    public PullRequests pullRequests() {
        return new PullRequests(this);
    }

    public Questions questions() {
        return new Questions(this);
    }

    public Supervision supervision() {
        return new Supervision(this);
    }

    public ObjectiveNotices notices() {
        return new ObjectiveNotices(this);
    }

    public SteeringMessages steering() {
        return new SteeringMessages(this);
    }

    public AuditLog audit() {
        return new AuditLog(this);
    }

    public Transcripts transcripts() {
        return new Transcripts(this);
    }

    /** The rows the UI tables show. */
    public ReadModel rows() {
        return new ReadModel(this);
    }

    ChangeSet changes() {
        return changes;
    }

    int update(String sql, Object... args) throws SQLException {
        if (!writable) {
            throw new IllegalStateException("write attempted in a read transaction: " + sql);
        }
        try (PreparedStatement ps = prepare(sql, args)) {
            return ps.executeUpdate();
        }
    }

    long insertReturningKey(String sql, Object... args) throws SQLException {
        update(sql, args);
        try (var st = conn.createStatement(); var rs = st.executeQuery("SELECT last_insert_rowid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        }
    }

    <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        List<T> all = list(sql, mapper, args);
        return all.isEmpty() ? Optional.empty() : Optional.ofNullable(all.get(0));
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = conn.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            int p = i + 1;
            if (a == null) {
                ps.setNull(p, Types.NULL);
            } else if (a instanceof Instant t) {
                ps.setLong(p, t.toEpochMilli());
            } else if (a instanceof Actor who) {
                ps.setString(p, who.wire());
            } else if (a instanceof Enum<?> e) {
                ps.setString(p, WireNames.of(e));
            } else if (a instanceof Boolean b) {
                ps.setInt(p, b ? 1 : 0);
            } else {
                ps.setObject(p, a);
            }
        }
        return ps;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    static <E extends Enum<E>> E enumOf(ResultSet rs, String column, Class<E> type) throws SQLException {
        return WireNames.parse(type, rs.getString(column));
    }
}
