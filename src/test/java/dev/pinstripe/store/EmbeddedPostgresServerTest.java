package dev.pinstripe.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {
    @TempDir
    Path dir;

    @Test
    void aPidFileNamingAnotherProgramIsStaleAndRemoved() throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        // This test's own JVM: alive, but not a postgres.
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n" + dir + "\n");
        EmbeddedPostgresServer.stopOrphanedPostmaster(dir);
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void aLivePostgresServingAnotherDirectoryIsNeverStopped() throws Exception {
        // A process named "postgres" (a copy of sleep) that a stale pid file happens to name.
        Path fakePostgres = dir.resolve("bin").resolve("postgres");
        Files.createDirectories(fakePostgres.getParent());
        Files.copy(Path.of("/bin/sleep"), fakePostgres);
        fakePostgres.toFile().setExecutable(true);
        Process unrelated = new ProcessBuilder(fakePostgres.toString(), "300").start();
        try {
            Path pgData = Files.createDirectories(dir.resolve("data"));
            Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
            Files.writeString(pgData.resolve("postmaster.pid"), unrelated.pid() + "\n" + elsewhere + "\n");
            EmbeddedPostgresServer.stopOrphanedPostmaster(pgData);
            assertThat(unrelated.isAlive()).isTrue();
            assertThat(pgData.resolve("postmaster.pid")).doesNotExist();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void aPidFileNamingNoLiveProcessIsLeftForPostgresToHandle() throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        Files.writeString(pidFile, "999999999\n" + dir + "\n");
        EmbeddedPostgresServer.stopOrphanedPostmaster(dir);
        assertThat(pidFile).exists();
        Files.writeString(pidFile, "not a pid\n");
        EmbeddedPostgresServer.stopOrphanedPostmaster(dir);
        assertThat(pidFile).exists();
    }

    @Test
    void aDataDirectoryInUseByAnotherServerIsRefusedClearly() throws Exception {
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dir)) {
            assertThat(first.port()).isPositive();
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another Pinstripe process");
        }
    }

    @Test
    void dataSurvivesAStopAndStartAndDurabilityIsOn() throws Exception {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir);
                Database db = Database.open(pg.jdbcUrl("postgres"), 2)) {
            db.assertDurable();
            db.jdbi().useHandle(h -> h.execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('yes')"));
        }
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir);
                Database db = Database.open(pg.jdbcUrl("postgres"), 2)) {
            String kept = db.jdbi().withHandle(h -> h.createQuery("SELECT v FROM kept").mapTo(String.class).one());
            assertThat(kept).isEqualTo("yes");
        }
    }
}
