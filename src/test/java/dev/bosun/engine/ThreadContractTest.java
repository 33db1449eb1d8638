package dev.bosun.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bosun.domain.Actor;
import dev.bosun.domain.AgentKind;
import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.domain.TargetKind;
import dev.bosun.store.Database;
import dev.bosun.store.Row;
import dev.bosun.testing.GitRepos;
import dev.bosun.testing.ManualClock;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decisions and the operator's writes happen on the one engine thread, whoever calls; other callers are refused. */
class ThreadContractTest {
    @TempDir
    Path dir;
    Database db;
    Engine engine;
    Orchestration orchestration;

    @BeforeEach
    void start() {
        db = Database.open(dir.resolve("bosun.db"), new ManualClock());
        engine = new Engine(db.clock(), 2);
        orchestration = TestOrchestration.withoutAgents(engine, db, dir);
        db.write(tx -> tx.targets().create("local", TargetKind.LOCAL, "", "", 0, dir.resolve("work").toString(), 1,
                Actor.ENGINE));
    }

    @AfterEach
    void stop() {
        engine.close();
        db.close();
    }

    @Test
    void anEngineThreadMethodCalledFromAnotherThreadIsRefusedAtOnce() throws Exception {
        assertThatThrownBy(engine::assertEngineThread).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("engine-thread method called on " + Thread.currentThread().getName());
        assertThatThrownBy(() -> orchestration.steering().deliver("ses_x", "hello", Actor.ENGINE))
                .isInstanceOf(IllegalStateException.class);
        OperationsTest.await(engine.onEngine(() -> {
            engine.assertEngineThread();
            return null;
        }));
        Engine other = new Engine(db.clock(), 1);
        try {
            assertThatThrownBy(() -> OperationsTest.await(other.onEngine(() -> {
                engine.assertEngineThread(); // another engine's thread is not this engine's
                return null;
            }))).isInstanceOf(IllegalStateException.class);
        } finally {
            other.close();
        }
    }

    @Test
    void everyOperatorActionIsWrittenOnTheEngineThreadWhoeverCallsIt() throws Exception {
        List<String> writers = new CopyOnWriteArrayList<>();
        db.onCommit(rows -> {
            if (rows.stream().anyMatch(r -> r instanceof Row.ActivityRow a && a.actor().equals(Actor.OPERATOR))) {
                writers.add(Thread.currentThread().getName());
            }
        });
        Operations ops = orchestration.operations();
        Path repo = GitRepos.init(dir.resolve("repo"));
        Objective o = OperationsTest.await(ops.createObjective(new ObjectiveDraft("t", "do it", repo.toString(),
                "main", AgentKind.CODEX)));
        OperationsTest.await(ops.runGcNow());
        String target = db.read(tx -> tx.targets().byName("local")).orElseThrow().id();
        OperationsTest.await(ops.targets().runDoctor(target));
        OperationsTest.await(ops.targets().setCapacity(target, 3));
        OperationsTest.await(ops.cancelObjective(o.id(), "enough"));

        assertThat(writers).hasSizeGreaterThanOrEqualTo(5).containsOnly("bosun-engine");
    }
}
