package dev.bosun.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bosun.domain.SessionStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Fields packed into one text by SQLite and split here, as SQLite really packs them. */
class PackedTest {
    @Test
    void nullsNumbersAndALastFieldHoldingTheSeparatorComeBackAsTheyWere() throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:"); var st = c.createStatement();
                var rs = st.executeQuery("SELECT " + Packed.of("'running'", "NULL", "42", "1700000000000", "''",
                        "'/work/odd' || char(31) || 'path'"))) {
            rs.next();
            Packed p = Packed.parse(rs.getString(1), 6);
            assertThat(p.enumOf(0, SessionStatus.class)).isEqualTo(SessionStatus.RUNNING);
            assertThat(p.string(1)).isNull();
            assertThat(p.enumOf(1, SessionStatus.class)).isNull();
            assertThat(p.instant(1)).isNull();
            assertThat(p.integer(2)).isEqualTo(42);
            assertThat(p.instant(3)).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
            assertThat(p.string(4)).isEmpty();
            assertThat(p.string(5)).isEqualTo("/work/odd\u001fpath");
        }
        assertThatThrownBy(() -> Packed.parse("a\u001fb", 3)).hasMessageContaining("2 fields, not 3");
    }
}
