package dev.bosun.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bosun.agent.AgentEvent;
import dev.bosun.domain.TranscriptKind;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SessionEventsTest {

    /**
     * While the engine is busy, an agent's lines pile up only to the bound, then its reader waits; the lines are
     * stored in batches of at most {@code MAX_BATCH}, every line in the agent's order, and its exit after the last.
     */
    @Test
    void aFloodWaitsForTheEngineAtTheBoundAndIsStoredInBatchesInTheAgentsOrder() throws Exception {
        int lines = 50_000;
        try (Engine engine = new Engine(Clock.systemUTC(), 1)) {
            List<Integer> batches = new CopyOnWriteArrayList<>();
            List<String> order = new CopyOnWriteArrayList<>();
            SessionEvents events = new SessionEvents(engine, "ses_1", (id, batch) -> {
                batches.add(batch.size());
                batch.forEach(o -> order.add(o.text()));
            }, (id, event) -> order.add("exited"));
            CountDownLatch busy = new CountDownLatch(1);
            engine.onEngine(() -> { busy.await(); return null; }); // the engine is busy with something long
            AtomicInteger given = new AtomicInteger();
            Thread reader = new Thread(() -> {
                for (int i = 0; i < lines; i++) {
                    events.on(new AgentEvent.Output(TranscriptKind.TEXT, "line " + i, null));
                    given.incrementAndGet();
                }
                events.on(new AgentEvent.Exited(true, "done"));
            }, "agent-out-test");
            reader.start();

            EngineHarness.waitFor(() -> given.get() == SessionEvents.MAX_PENDING_LINES
                    && reader.getState() == Thread.State.TIMED_WAITING);
            assertThat(given.get()).as("the reader waits at the bound").isEqualTo(SessionEvents.MAX_PENDING_LINES);
            busy.countDown();
            reader.join(60_000);
            EngineHarness.waitFor(() -> order.size() == lines + 1);

            assertThat(batches.get(0)).as("what waited is stored in batches").isEqualTo(SessionEvents.MAX_BATCH);
            assertThat(batches).allMatch(n -> n <= SessionEvents.MAX_BATCH);
            assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(lines);
            assertThat(order.subList(0, lines)).isEqualTo(IntStream.range(0, lines).mapToObj(i -> "line " + i).toList());
            assertThat(order.get(lines)).isEqualTo("exited");
        }
    }
}
