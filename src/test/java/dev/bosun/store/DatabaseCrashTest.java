package dev.bosun.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.domain.Actor;
import dev.bosun.testing.JavaProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseCrashTest {

    @Test
    void aWriterKilledMidTransactionLeavesTheLastCommittedStateIntact(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bosun.db");
        try (JavaProcess writer = JavaProcess.start(CrashingWriter.class, file.toString(), "40")) {
            writer.awaitLine(l -> l.equals("IN_TRANSACTION"), Duration.ofSeconds(60));
            writer.process().destroyForcibly(); // SIGKILL: no shutdown hook, no rollback, no checkpoint
            writer.awaitExit(Duration.ofSeconds(20));
        }
        try (Database db = Database.open(file, Clock.systemUTC())) {
            String integrity = db.read(tx -> tx.one("PRAGMA integrity_check", rs -> rs.getString(1)).orElseThrow());
            assertThat(integrity).isEqualTo("ok");
            var titles = db.read(tx -> tx.rows().objectives()).stream().map(Row.ObjectiveRow::title).toList();
            assertThat(titles).hasSize(40).allMatch(t -> t.startsWith("committed "));
            long transcript = db.read(tx -> tx.transcripts().lastSeq("ses_x"));
            assertThat(transcript).isZero();
            // and it is writable again
            db.write(tx -> tx.objectives().create(CrashingWriter.draft("after the crash"), Actor.ENGINE));
            List<Row.ObjectiveRow> after = db.read(tx -> tx.rows().objectives());
            assertThat(after).hasSize(41);
        }
    }
}
