package dev.bosun.store;

import dev.bosun.domain.AgentKind;
import dev.bosun.domain.AuditType;
import dev.bosun.domain.Actor;
import dev.bosun.domain.Ids;
import dev.bosun.domain.Target;
import dev.bosun.domain.TargetKind;
import dev.bosun.domain.TargetStatus;
import dev.bosun.domain.Transitions;
import dev.bosun.domain.WireNames;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

public final class Targets {
    private final Tx tx;

    Targets(Tx tx) {
        this.tx = tx;
    }

    public Target create(String name, TargetKind kind, String host, String user, int port, String workRoot,
            int capacity, Actor actor) throws SQLException {
        return create(name, kind, TargetStatus.ONLINE, host, user, port, "", workRoot, capacity, "", actor);
    }

    public Target create(String name, TargetKind kind, TargetStatus status, String host, String user, int port,
            String identityFile, String workRoot, int capacity, String labels, Actor actor) throws SQLException {
        String id = Ids.next("tgt", tx.now());
        tx.update("INSERT INTO targets(id, name, kind, status, host, user_name, port, identity_file, work_root,"
                        + " capacity, labels, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, name, kind, status, host, user, port, identityFile, workRoot, capacity, labels, tx.now(),
                tx.now());
        tx.audit().record(null, null, AuditType.TARGET_ADDED, "target " + name + " added (" + WireNames.of(kind)
                + ", capacity " + capacity + ", work root " + workRoot + ")", actor);
        tx.changes().targets.add(id);
        return byId(id).orElseThrow();
    }

    public Optional<Target> byId(String id) throws SQLException {
        return tx.one("SELECT * FROM targets WHERE id = ?", Targets::map, id);
    }

    public Optional<Target> byName(String name) throws SQLException {
        return tx.one("SELECT * FROM targets WHERE name = ?", Targets::map, name);
    }

    /** This machine's target. */
    public Optional<Target> local() throws SQLException {
        return tx.one("SELECT * FROM targets WHERE " + Sql.is("kind", TargetKind.LOCAL) + " ORDER BY created_at LIMIT 1",
                Targets::map);
    }

    public List<Target> all() throws SQLException {
        return tx.list("SELECT * FROM targets ORDER BY name", Targets::map);
    }

    /**
     * What the doctor found, the free disk space it measured and the kinds of agent it found the target can run
     * and the sandbox it found agents can run in ({@code agents} or {@code sandbox} null: it could not tell, the last
     * answer stands).
     */
    public void recordDoctor(String id, String report, Long freeDiskMb, Set<AgentKind> agents, String sandbox)
            throws SQLException {
        tx.update("UPDATE targets SET doctor_report = ?, free_disk_mb = COALESCE(?, free_disk_mb),"
                + " agents = COALESCE(?, agents), sandbox = COALESCE(?, sandbox), disk_checked_at = ?,"
                + " last_seen_at = ?, updated_at = ? WHERE id = ?",
                report, freeDiskMb, agents == null ? null : agents.stream().map(WireNames::of).sorted()
                        .collect(Collectors.joining(",")), sandbox, tx.now(), tx.now(), tx.now(), id);
        tx.changes().targets.add(id);
    }

    /** The kinds of agent each target's doctor found it can run; a target no doctor answered yet is not in it. */
    public Map<String, Set<AgentKind>> agents() throws SQLException {
        return agents("");
    }

    /** As {@link #agents()}, of the targets that may take new work (online or offline, not drained or disabled). */
    public Map<String, Set<AgentKind>> agentsOfUsableTargets() throws SQLException {
        return agents(" AND " + Sql.in("status", TargetStatus.DOCTOR_DECIDES));
    }

    private Map<String, Set<AgentKind>> agents(String where) throws SQLException {
        Map<String, Set<AgentKind>> out = new HashMap<>();
        for (String[] row : tx.list("SELECT id, agents FROM targets WHERE agents IS NOT NULL" + where,
                rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            Set<AgentKind> kinds = EnumSet.noneOf(AgentKind.class);
            for (String name : row[1].split(",")) {
                if (!name.isBlank()) {
                    kinds.add(WireNames.parse(AgentKind.class, name.strip()));
                }
            }
            out.put(row[0], kinds);
        }
        return out;
    }

    public String doctorReport(String id) throws SQLException {
        return tx.one("SELECT doctor_report FROM targets WHERE id = ?", rs -> rs.getString(1), id).orElse("");
    }

    public void recordFreeDisk(String id, long freeDiskMb) throws SQLException {
        tx.update("UPDATE targets SET free_disk_mb = ?, disk_checked_at = ?, last_seen_at = ? WHERE id = ?",
                freeDiskMb, tx.now(), tx.now(), id);
        tx.changes().targets.add(id);
    }

    public void setCapacity(String id, int capacity, Actor actor) throws SQLException {
        tx.update("UPDATE targets SET capacity = ?, updated_at = ? WHERE id = ?", capacity, tx.now(), id);
        tx.audit().record(null, null, AuditType.TARGET_CAPACITY, "capacity of " + byId(id).orElseThrow().name()
                + " set to "
                + capacity, actor);
        tx.changes().targets.add(id);
    }

    /**
     * A removed target gives up its name (a new target may take it): it is kept as {@code name~<end of its id>}, so
     * its sessions and checkouts still say where they were.
     */
    public void releaseName(String id) throws SQLException {
        String name = byId(id).orElseThrow().name();
        String kept = name.substring(0, Math.min(name.length(), 50)) + "~"
                + id.substring(Math.max(0, id.length() - 8));
        tx.update("UPDATE targets SET name = ?, updated_at = ? WHERE id = ?", kept, tx.now(), id);
        tx.changes().targets.add(id);
    }

    /** Free disk space last measured, in MiB; null if never. */
    public Long freeDiskMb(String id) throws SQLException {
        return tx.one("SELECT free_disk_mb FROM targets WHERE id = ?", rs -> {
            long v = rs.getLong(1);
            return rs.wasNull() ? null : v;
        }, id).orElse(null);
    }

    public Transition<TargetStatus> transition(String id, TargetStatus to, String reason, Actor actor)
            throws SQLException {
        Transition<TargetStatus> t =
                StatusChanges.apply(tx, Transitions.TARGET, "targets", id, to, null, null, reason, actor);
        tx.changes().targets.add(id);
        return t;
    }

    static Target map(ResultSet rs) throws SQLException {
        return new Target(rs.getString("id"), rs.getString("name"), Tx.enumOf(rs, "kind", TargetKind.class),
                Tx.enumOf(rs, "status", TargetStatus.class), rs.getString("host"), rs.getString("user_name"),
                rs.getInt("port"), rs.getString("identity_file"), rs.getString("work_root"), rs.getInt("capacity"),
                rs.getString("labels"), Tx.instant(rs, "created_at"),
                Tx.instant(rs, "updated_at"), Tx.instant(rs, "last_seen_at"), rs.getString("sandbox"));
    }
}
