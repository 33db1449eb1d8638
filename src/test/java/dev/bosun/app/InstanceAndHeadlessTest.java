package dev.bosun.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bosun.domain.Objective;
import dev.bosun.domain.ObjectiveDraft;
import dev.bosun.testing.GitRepos;
import dev.bosun.testing.JavaProcess;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real launcher in child JVMs: one Bosun per data folder, and a clean headless stop on SIGTERM. */
class InstanceAndHeadlessTest {

    @Test
    void aSecondBosunOnTheSameDataFolderIsRefusedAndTheFirstKeepsWorking(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        try (Bosun first = Bosun.start(new DataDirectory(data), Clock.systemUTC())) {
            try (JavaProcess second = JavaProcess.start(Launcher.class, "--headless", "--data-dir", data.toString())) {
                int code = second.awaitExit(Duration.ofSeconds(60));
                assertThat(code).isEqualTo(Launcher.EXIT_LOCKED);
                assertThat(second.output()).contains("Another Bosun (pid " + ProcessHandle.current().pid() + ")",
                        "already using the data folder " + data, "--data-dir");
            }
            // in the same JVM too
            assertThatThrownBy(() -> Bosun.start(new DataDirectory(data), Clock.systemUTC()))
                    .isInstanceOf(InstanceLock.AlreadyRunning.class);

            Path repo = GitRepos.init(dir.resolve("repo"));
            Objective o = first.operations().createObjective(new ObjectiveDraft("still here", "p", repo.toString(),
                    "", null)).get(20, TimeUnit.SECONDS);
            assertThat(first.database().read(tx -> tx.objectives().byId(o.id())).isPresent()).isTrue();
        }
    }

    @Test
    void headlessCreatesItsDatabaseAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        try (JavaProcess bosun = JavaProcess.start(Launcher.class, "--headless", "--data-dir", data.toString())) {
            String line = bosun.awaitLine(l -> l.startsWith("Bosun running headless"), Duration.ofSeconds(60));
            assertThat(line).contains(data.resolve("bosun.db").toString());
            assertThat(data.resolve("bosun.db")).exists();
            // prompts, transcripts, results and the operator's token: readable by this user alone
            assertThat(permissions(data)).isEqualTo("rwx------");
            assertThat(permissions(data.resolve("logs"))).isEqualTo("rwx------");
            assertThat(permissions(data.resolve("bosun.db"))).isEqualTo("rw-------");
            assertThat(permissions(data.resolve("bosun.db-wal"))).isEqualTo("rw-------");

            bosun.process().destroy(); // SIGTERM
            assertThat(bosun.awaitExit(Duration.ofSeconds(30))).as(bosun.output()).isZero();
        }
        try (FileChannel ch = FileChannel.open(data.resolve("bosun.lock"), StandardOpenOption.WRITE)) {
            assertThat(ch.tryLock()).as("the lock was released").isNotNull();
        }
        assertThat(data.resolve("bosun.db-wal")).satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(), p -> assertThat(Files.size(p)).isZero());
        // and the next start finds the same database, with its local target
        try (Bosun again = Bosun.start(new DataDirectory(data), Clock.systemUTC())) {
            assertThat(again.database().read(tx -> tx.targets().byName("local")).isPresent()).isTrue();
        }
    }

    @Test
    void aBadOptionExitsWithUsage(@TempDir Path dir) throws Exception {
        try (JavaProcess bosun = JavaProcess.start(Launcher.class, "--bogus")) {
            assertThat(bosun.awaitExit(Duration.ofSeconds(60))).isEqualTo(Launcher.EXIT_USAGE);
            assertThat(bosun.output()).contains("unknown option --bogus", "Usage: bosun");
        }
    }

    static String permissions(Path p) {
        try {
            return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
