package dev.bosun.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bosun.domain.Actor;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.AuditEvent;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.Session;
import dev.bosun.domain.SessionMode;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.SessionStatus;
import dev.bosun.domain.StateMachine.Verdict;
import dev.bosun.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;
    ManualClock clock = new ManualClock();
    Database db;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("bosun.db"), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static ObjectiveDraft draft(String title) {
        return new ObjectiveDraft(title, "do " + title, "/repo", "", AgentKind.CLAUDE);
    }

    Session queueWorker(String objectiveId) {
        return db.write(tx -> tx.sessions().create(new NewSession(objectiveId, null, SessionRole.WORKER,
                AgentKind.CODEX, SessionMode.NON_INTERACTIVE, "worker", "build it", List.of()), Actor.ENGINE));
    }

    @Test
    void migratesAnEmptyFileToTheLatestSchemaInWalMode() throws Exception {
        try (var conn = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bosun.db"))) {
            assertThat(Migrations.userVersion(conn)).isEqualTo(Migrations.available().size()).isPositive();
            try (var rs = conn.createStatement().executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.getString(1)).isEqualTo("wal");
            }
        }
        // reopening applies nothing and sets nothing aside
        db.close();
        db = Database.open(dir.resolve("bosun.db"), clock);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".bak"));
        }
    }

    @Test
    void aMigrationOfADatabaseWithDataFirstSetsACopyAside() throws Exception {
        db.write(tx -> tx.objectives().create(draft("keep me"), Actor.ENGINE));
        db.close();
        Path file = dir.resolve("bosun.db");
        var next = new java.util.ArrayList<>(Migrations.available());
        next.add(new Migrations.Migration(next.size() + 1, "V999__extra.sql",
                "ALTER TABLE objectives ADD COLUMN extra TEXT;"));
        try (var conn = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(Migrations.apply(conn, file, clock, next)).isEqualTo(next.size());
        }
        Path backup;
        try (var files = Files.list(dir)) {
            backup = files.filter(p -> p.getFileName().toString().endsWith(".bak")).findFirst().orElseThrow();
        }
        try (var conn = DriverManager.getConnection("jdbc:sqlite:" + backup);
                var rs = conn.createStatement().executeQuery("SELECT title FROM objectives")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("keep me");
        }
        db = Database.open(dir.resolve("other.db"), clock);
    }

    @Test
    void aDatabaseFromANewerBosunIsRefusedWithAClearMessage() throws Exception {
        db.close();
        Path file = dir.resolve("bosun.db");
        try (var conn = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            conn.createStatement().execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> Database.open(file, clock))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 99").hasMessageContaining("newer Bosun");
        db = Database.open(dir.resolve("other.db"), clock);
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedWithAClearMessage() throws Exception {
        Path junk = dir.resolve("junk.db");
        Files.writeString(junk, "this is not sqlite ".repeat(100));
        assertThatThrownBy(() -> Database.open(junk, clock))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("not a Bosun database");
        assertThat(Files.readString(junk)).startsWith("this is not sqlite");
    }

    @Test
    void aStatusChangeIsValidatedAndAuditedInItsTransaction() {
        Objective o = db.write(tx -> tx.objectives().create(draft("a"), Actor.OPERATOR));
        Session s = queueWorker(o.id());
        var t = db.write(tx -> tx.sessions().transition(s.id(), SessionStatus.STARTING, "placed", Actor.ENGINE));
        assertThat(t.verdict()).isEqualTo(Verdict.APPLY);
        clock.advance(java.time.Duration.ofSeconds(5));
        db.write(tx -> tx.sessions().transition(s.id(), SessionStatus.RUNNING, null, Actor.ENGINE));
        Session running = db.read(tx -> tx.sessions().byId(s.id())).orElseThrow();
        assertThat(running.status()).isEqualTo(SessionStatus.RUNNING);
        assertThat(running.everRan()).isTrue();
        assertThat(running.startedAt()).isEqualTo(clock.instant());
        List<String> types = db.read(tx -> tx.audit().forObjective(o.id())).stream().map(AuditEvent::type).toList();
        assertThat(types).containsSubsequence("objective_created", "session_created", "session_starting",
                "session_running");
    }

    @Test
    void aLateCompletionAfterCancelIsRefusedLeavesTheStateAndIsRecordedAsIgnored() {
        Objective o = db.write(tx -> tx.objectives().create(draft("a"), Actor.OPERATOR));
        Session s = queueWorker(o.id());
        db.write(tx -> tx.sessions().transition(s.id(), SessionStatus.STARTING, null, Actor.ENGINE));
        db.write(tx -> tx.sessions().transition(s.id(), SessionStatus.RUNNING, null, Actor.ENGINE));
        db.write(tx -> tx.sessions().transition(s.id(), SessionStatus.CANCELED, "operator canceled", Actor.OPERATOR));

        var late = db.write(tx -> tx.sessions().transition(s.id(), SessionStatus.SUCCEEDED, "agent exited 0",
                Actor.ENGINE));

        assertThat(late.verdict()).isEqualTo(Verdict.IGNORED_TERMINAL);
        Session after = db.read(tx -> tx.sessions().byId(s.id())).orElseThrow();
        assertThat(after.status()).isEqualTo(SessionStatus.CANCELED);
        AuditEvent last = db.read(tx -> tx.audit().latest(1)).get(0);
        assertThat(last.type()).isEqualTo("transition_ignored");
        assertThat(last.summary()).contains("late succeeded", "already canceled");
    }

    @Test
    void aRefusedTransitionChangesNothingButIsRecorded() {
        Objective o = db.write(tx -> tx.objectives().create(draft("a"), Actor.OPERATOR));
        Session s = queueWorker(o.id());
        var t = db.write(tx -> tx.sessions().transition(s.id(), SessionStatus.SUCCEEDED, null, Actor.ENGINE));
        assertThat(t.verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(db.read(tx -> tx.sessions().byId(s.id())).orElseThrow().status()).isEqualTo(SessionStatus.QUEUED);
        assertThat(db.read(tx -> tx.audit().latest(1)).get(0).type()).isEqualTo("transition_refused");
    }

    @Test
    void aFailedWriteLeavesNothingBehindAndPublishesNothing() {
        List<List<Row>> published = new CopyOnWriteArrayList<>();
        db.onCommit(published::add);
        assertThatThrownBy(() -> db.write(tx -> {
            tx.objectives().create(draft("half"), Actor.OPERATOR);
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        List<Row.ObjectiveRow> rows = db.read(tx -> tx.rows().objectives());
        List<AuditEvent> events = db.read(tx -> tx.audit().latest(10));
        assertThat(rows).isEmpty();
        assertThat(events).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void aCommitPublishesTheRowsItTouched() {
        List<List<Row>> published = new CopyOnWriteArrayList<>();
        db.onCommit(published::add);
        Objective o = db.write(tx -> tx.objectives().create(draft("a"), Actor.OPERATOR));
        Session s = queueWorker(o.id());
        assertThat(published).hasSize(2);
        List<Row> second = published.get(1);
        assertThat(second).anySatisfy(r -> assertThat(r).isInstanceOfSatisfying(Row.SessionRow.class,
                sr -> assertThat(sr.id()).isEqualTo(s.id())));
        assertThat(second).anySatisfy(r -> assertThat(r).isInstanceOfSatisfying(Row.ObjectiveRow.class,
                or -> assertThat(or.liveWorkers()).isEqualTo(1)));
        assertThat(second).anySatisfy(r -> assertThat(r).isInstanceOfSatisfying(Row.ActivityRow.class,
                ar -> assertThat(ar.type()).isEqualTo("session_created")));
    }

    @Test
    void readersSeeConsistentSnapshotsWhileTheWriterWrites() throws Exception {
        int writes = 300;
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < writes; i++) {
                int n = i;
                db.write(tx -> {
                    Objective o = tx.objectives().create(draft("o" + n), Actor.ENGINE);
                    tx.sessions().create(new NewSession(o.id(), null, SessionRole.MANAGER, AgentKind.CLAUDE,
                            SessionMode.INTERACTIVE, "m", "g", List.of()), Actor.ENGINE);
                    return o;
                });
            }
        });
        List<Thread> readers = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        for (int r = 0; r < 3; r++) {
            readers.add(new Thread(() -> {
                int last = 0;
                try {
                    while (!done.get()) {
                        int[] counts = db.read(tx -> new int[] {
                                tx.one("SELECT COUNT(*) FROM objectives", rs -> rs.getInt(1)).orElseThrow(),
                                tx.one("SELECT COUNT(*) FROM sessions", rs -> rs.getInt(1)).orElseThrow()});
                        // one snapshot: an objective and its manager are committed together
                        if (counts[0] != counts[1]) {
                            throw new AssertionError("torn read: " + counts[0] + " objectives, " + counts[1]
                                    + " sessions");
                        }
                        if (counts[0] < last) {
                            throw new AssertionError("went back in time: " + counts[0] + " < " + last);
                        }
                        last = counts[0];
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        readers.forEach(Thread::start);
        writer.start();
        writer.join();
        done.set(true);
        for (Thread t : readers) {
            t.join();
        }
        assertThat(failures).isEmpty();
        List<Row.ObjectiveRow> rows = db.read(tx -> tx.rows().objectives());
        assertThat(rows).hasSize(writes);
    }

    @Test
    void transcriptsAreNumberedPerSessionAndReadInPages() {
        db.write(tx -> {
            for (int i = 1; i <= 2500; i++) {
                tx.transcripts().append("ses_a", dev.bosun.domain.TranscriptSource.AGENT,
                        dev.bosun.domain.TranscriptKind.TEXT, "line " + i);
                if (i % 1000 == 0) {
                    tx.transcripts().append("ses_b", dev.bosun.domain.TranscriptSource.USER,
                            dev.bosun.domain.TranscriptKind.TEXT, "b " + i);
                }
            }
            return null;
        });
        var first = db.read(tx -> tx.transcripts().after("ses_a", 0, 1000));
        var second = db.read(tx -> tx.transcripts().after("ses_a", first.get(first.size() - 1).seq(), 1000));
        var third = db.read(tx -> tx.transcripts().after("ses_a", 2000, 5000));
        assertThat(first).hasSize(1000);
        assertThat(first.get(0).seq()).isEqualTo(1);
        assertThat(first.get(0).content()).isEqualTo("line 1");
        assertThat(second.get(0).seq()).isEqualTo(1001);
        assertThat(third).hasSize(500);
        assertThat(third.get(499).content()).isEqualTo("line 2500");
        var tail = db.read(tx -> tx.transcripts().before("ses_a", Long.MAX_VALUE, 3));
        assertThat(tail).extracting(e -> e.seq()).containsExactly(2498L, 2499L, 2500L);
        List<dev.bosun.domain.TranscriptEntry> b = db.read(tx -> tx.transcripts().after("ses_b", 0, 10));
        assertThat(b).extracting(e -> e.seq()).containsExactly(1L, 2L);
        long none = db.read(tx -> tx.transcripts().lastSeq("ses_none"));
        assertThat(none).isZero();
    }

    /** 30,000 lines in batches: the first 2,000 and the last 8,000 stay, and one marker says how many went. */
    @Test
    void aSessionsTranscriptIsBoundedToItsFirstAndLastLinesWithAMarkerBetween() {
        int total = 30_000;
        for (int from = 1; from <= total; from += 700) {
            int start = from;
            db.write(tx -> {
                List<Transcripts.Line> batch = new java.util.ArrayList<>();
                for (int i = start; i < start + 700 && i <= total; i++) {
                    batch.add(new Transcripts.Line(dev.bosun.domain.TranscriptKind.TEXT, "line " + i));
                }
                tx.transcripts().appendBounded("ses_flood", dev.bosun.domain.TranscriptSource.AGENT, batch);
                return null;
            });
        }
        List<dev.bosun.domain.TranscriptEntry> all = new java.util.ArrayList<>();
        for (List<dev.bosun.domain.TranscriptEntry> page; !(page = db.read(tx -> tx.transcripts().after("ses_flood",
                all.isEmpty() ? 0 : all.get(all.size() - 1).seq(), 1000))).isEmpty(); ) {
            all.addAll(page);
        }
        assertThat(all).hasSize(Transcripts.KEEP_HEAD + 1 + Transcripts.KEEP_TAIL);
        assertThat(all.get(0).content()).isEqualTo("line 1");
        assertThat(all.get(Transcripts.KEEP_HEAD - 1).content()).isEqualTo("line 2000");
        assertThat(all.get(Transcripts.KEEP_HEAD).content()).isEqualTo(
                "… 20,000 lines dropped here: Bosun keeps a session's first 2,000 and its last 8,000 …");
        assertThat(all.get(Transcripts.KEEP_HEAD + 1).content()).isEqualTo("line 22001");
        assertThat(all.get(all.size() - 1).content()).isEqualTo("line 30000");
        long last = db.read(tx -> tx.transcripts().lastSeq("ses_flood"));
        assertThat(last).isEqualTo(total);
    }

    @Test
    void tableRowsNeverCarryTranscriptText() {
        Objective o = db.write(tx -> tx.objectives().create(draft("a"), Actor.OPERATOR));
        Session s = queueWorker(o.id());
        String secretLooking = "TRANSCRIPT-" + "y".repeat(100_000);
        db.write(tx -> tx.transcripts().append(s.id(), dev.bosun.domain.TranscriptSource.AGENT,
                dev.bosun.domain.TranscriptKind.TEXT, secretLooking));
        String allRows = db.read(tx -> List.of(tx.rows().objectives(), tx.rows().sessions(), tx.rows().activity(100))
                .toString());
        assertThat(allRows).doesNotContain("TRANSCRIPT-").hasSizeLessThan(4000);
    }
}
