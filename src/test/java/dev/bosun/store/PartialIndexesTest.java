package dev.bosun.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.testing.ManualClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every partial index on a status in the migrated schema is made with the very condition the store's queries are
 * built with from the domain's status sets, so a status added to a set without a migration (or the reverse) fails
 * here instead of silently turning an indexed query into a table scan.
 */
class PartialIndexesTest {
    @TempDir
    Path dir;

    record Index(String table, String condition) {}

    @Test
    void eachPartialIndexOnAStatusIsMadeWithTheConditionTheStoreQueriesWith() throws Exception {
        Map<String, Index> schema = statusIndexes();
        assertThat(schema.keySet()).containsExactlyInAnyOrderElementsOf(Sql.PARTIAL_INDEXES.keySet());
        schema.forEach((name, index) -> assertThat(index.condition()).as(name)
                .isEqualTo(Sql.PARTIAL_INDEXES.get(name)));
    }

    @Test
    void sqliteUsesEachOfThemForTheStoresCondition() throws Exception {
        Map<String, Index> schema = statusIndexes();
        try (Connection c = migrated(); Statement st = c.createStatement()) {
            for (var e : Sql.PARTIAL_INDEXES.entrySet()) {
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = st.executeQuery("EXPLAIN QUERY PLAN SELECT * FROM " + schema.get(e.getKey())
                        .table() + " INDEXED BY " + e.getKey() + " WHERE " + e.getValue())) {
                    while (rs.next()) {
                        plan.append(rs.getString("detail")).append('\n');
                    }
                }
                assertThat(plan.toString()).as(e.getKey()).contains("INDEX " + e.getKey());
            }
        }
    }

    /** Partial indexes whose condition reads a status column, by name. */
    private Map<String, Index> statusIndexes() throws Exception {
        Map<String, Index> out = new LinkedHashMap<>();
        try (Connection c = migrated(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index'"
                        + " AND sql LIKE '% WHERE %' ORDER BY name")) {
            while (rs.next()) {
                String sql = rs.getString("sql").replaceAll("\\s+", " ").strip();
                String condition = sql.substring(sql.indexOf(" WHERE ") + " WHERE ".length());
                if (condition.matches("(status|state) .*")) {
                    out.put(rs.getString("name"), new Index(rs.getString("tbl_name"), condition));
                }
            }
        }
        return out;
    }

    private Connection migrated() throws Exception {
        Path file = dir.resolve("bosun.db");
        Database.open(file, new ManualClock()).close();
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }
}
