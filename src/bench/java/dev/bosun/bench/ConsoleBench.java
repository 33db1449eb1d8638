package dev.bosun.bench;

import dev.bosun.domain.Actor;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.SessionMode;
import dev.bosun.domain.SessionRole;
import dev.bosun.domain.TranscriptKind;
import dev.bosun.domain.TranscriptSource;
import dev.bosun.engine.ChangeFeed;
import dev.bosun.engine.Engine;
import dev.bosun.engine.Orchestration;
import dev.bosun.engine.TableQueries;
import dev.bosun.engine.TestOrchestration;
import dev.bosun.store.Database;
import dev.bosun.store.NewSession;
import dev.bosun.store.Row.SessionRow;
import dev.bosun.ui.FxFeed;
import dev.bosun.ui.RowList;
import dev.bosun.ui.Commands;
import dev.bosun.ui.sessions.SessionsView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The Sessions screen under load, through the real path (SQLite commit → change feed → FX feed → table): 10,000
 * sessions, then 1,000 session changes a second for 30 s (real transactions, 10 every 10 ms). Reports the longest gap
 * between rendered frames and the longest FX drain, whether the table ends equal to the database, and heap. Then a
 * 1,000,000-line transcript: the time from selecting it to its first page shown, and the heap with it open.
 */
public final class ConsoleBench {
    static final int SESSIONS = 10_000;
    static final int PER_SECOND = 1_000;
    static final int SECONDS = 30;
    static final int TRANSCRIPT_LINES = 1_000_000;

    public static void main(String[] args) throws Exception {
        FxMeasure.startToolkit();
        Path dir = Files.createTempDirectory("bosun-console-bench");
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(dir.resolve("bosun.db"), clock); Engine engine = new Engine(clock, 2)) {
            ChangeFeed changes = new ChangeFeed();
            db.onCommit(changes::publish);
            Orchestration orchestration = TestOrchestration.withoutAgents(engine, db, dir);
            Objective o = orchestration.operations().createObjective(new ObjectiveDraft("bench", "bench",
                    "https://example.com/r.git", "", AgentKind.CLAUDE)).get(10, TimeUnit.SECONDS);
            List<String> ids = db.write(tx -> {
                List<String> out = new ArrayList<>();
                for (int i = 0; i < SESSIONS; i++) {
                    out.add(tx.sessions().create(new NewSession(o.id(), null, SessionRole.WORKER, AgentKind.CLAUDE,
                            SessionMode.INTERACTIVE, "worker " + i, "t", List.of()), Actor.ENGINE).id());
                }
                return out;
            });

            long[] drain = new long[2]; // count, longest nanos
            FxFeed feed = new FxFeed(task -> Platform.runLater(() -> {
                long t = System.nanoTime();
                task.run();
                drain[0]++;
                drain[1] = Math.max(drain[1], System.nanoTime() - t);
            }), FxFeed.REFRESH); // as the console makes it
            RowList<SessionRow> rows = feed.table(SessionRow.class, new RowList<>());
            TableQueries queries = new TableQueries(engine, db);
            SessionsView[] view = new SessionsView[1];
            CountDownLatch shown = new CountDownLatch(1);
            Platform.runLater(() -> {
                Stage stage = new Stage();
                view[0] = new SessionsView(rows, new Commands(orchestration.operations(), () -> stage), queries);
                stage.setScene(new Scene(new javafx.scene.layout.BorderPane(view[0].node()), 1200, 760));
                stage.show();
                shown.countDown();
            });
            shown.await();
            changes.subscribe(feed::post);
            feed.postBaseline(queries.allRows().get(60, TimeUnit.SECONDS));
            FxMeasure.awaitFx(() -> rows.size() > SESSIONS); // the workers and the objective's manager

            FxMeasure frames = new FxMeasure();
            frames.start();
            long idleFrom = System.nanoTime();
            FxMeasure.awaitFx(() -> System.nanoTime() - idleFrom > 2_000_000_000L); // idle frames: the baseline
            long idleGap = frames.medianGapBefore(System.nanoTime());
            drain[0] = 0;
            drain[1] = 0;
            long start = System.nanoTime();
            int changesMade = 0;
            for (int tick = 0; tick < SECONDS * 100; tick++) {
                long due = start + tick * 10_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the producer, not waiting for a condition
                }
                int base = changesMade;
                db.write(tx -> {
                    for (int k = 0; k < PER_SECOND / 100; k++) {
                        int n = base + k;
                        tx.sessions().setActivity(ids.get((n * 7919) % SESSIONS), "step " + n);
                    }
                    return null;
                });
                changesMade += PER_SECOND / 100;
            }
            long produced = System.nanoTime();
            Map<String, SessionRow> truth = new HashMap<>();
            for (SessionRow r : db.read(tx -> tx.rows().sessions())) {
                truth.put(r.id(), r);
            }
            FxMeasure.awaitFx(() -> rows.size() == truth.size() && rows.stream().allMatch(r -> r.equals(truth.get(r.id()))));
            long converged = System.nanoTime();
            frames.stop();
            long longestGap = frames.longestGapAfter(start);
            System.out.printf("console: frames after the load began: %d gaps over 50 ms, %d over 33 ms%n",
                    frames.gapsLongerThan(start, 50_000_000L), frames.gapsLongerThan(start, 33_000_000L));
            usedAfterGc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("console: %,d sessions, %,d changes in %.1f s (%,d/s) as real transactions; table equal "
                            + "to the database %.0f ms after the last commit; FX drains %,d, longest drain %.1f ms, "
                            + "longest gap between frames %.1f ms; heap used after GC %d MiB%n",
                    SESSIONS, changesMade, (produced - start) / 1e9, Math.round(changesMade / ((produced - start) / 1e9)),
                    (converged - produced) / 1e6, drain[0], drain[1] / 1e6, longestGap / 1e6,
                    (rt.totalMemory() - rt.freeMemory()) >> 20);
            BenchSummary.add("console: longest gap between frames (10,000 sessions, 1,000 changes/s, 30 s)",
                    longestGap / 1e6, "ms", "the idle frame interval (median)", idleGap / 1e6, "≤ 50 ms",
                    longestGap <= 50_000_000L);
            BenchSummary.add("console: longest FX drain under that load", drain[1] / 1e6, "ms", "≤ 16 ms",
                    drain[1] <= 16_000_000L);
            BenchSummary.add("console: table equal to the database after the last commit", (converged - produced) / 1e6,
                    "ms", "≤ 200 ms", converged - produced <= 200_000_000L);

            String sessionId = ids.get(0);
            db.write(tx -> {
                for (int i = 0; i < TRANSCRIPT_LINES; i++) {
                    tx.transcripts().append(sessionId, TranscriptSource.AGENT, i % 10 == 0 ? TranscriptKind.TOOL_CALL
                            : TranscriptKind.TEXT, "line " + i + " of what the agent said while it worked");
                }
                return null;
            });
            List<Double> firstPage = new ArrayList<>();
            for (int round = 1; round <= 3; round++) {
                Platform.runLater(() -> view[0].transcript().show(null, null));
                FxMeasure.awaitFx(() -> view[0].transcript().entries().isEmpty());
                long t0 = System.nanoTime();
                Platform.runLater(() -> view[0].transcript().show(sessionId, "worker 0"));
                FxMeasure.awaitFx(() -> !view[0].transcript().entries().isEmpty());
                firstPage.add((System.nanoTime() - t0) / 1e6);
                System.out.printf("transcript of %,d lines, round %d: first page (%d lines) shown after %.1f ms%n",
                        TRANSCRIPT_LINES, round, view[0].transcript().entries().size(), firstPage.get(round - 1));
            }
            firstPage.sort(null);
            BenchSummary.add("console: a 1,000,000-line transcript's first page shown (median of 3)", firstPage.get(1),
                    "ms", "≤ 100 ms", firstPage.get(1) <= 100);
            long before = usedAfterGc();
            BenchSummary.add("console heap after GC: 10,000 sessions and a 1,000,000-line transcript open", before,
                    "MiB", "≤ 256 MiB", before <= 256);
        }
    }

    /** Heap in use after a full GC, in MiB. */
    static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }
}
