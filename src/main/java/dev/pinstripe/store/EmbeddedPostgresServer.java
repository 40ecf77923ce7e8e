package dev.pinstripe.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL 18 that Pinstripe starts when no external database is configured.
 *
 * <p>Data lives in {@code <dataDir>/postgres} and survives restarts. The server holds an exclusive
 * lock on {@code <dataDir>/pinstripe.lock} for its whole life, so two Pinstripe processes never share
 * a data directory. Because of that lock, a postmaster still running in the directory when we start
 * can only be an orphan of a Pinstripe that was killed with {@code kill -9}; it is shut down before
 * the new one starts. Its committed transactions are on disk (fsync is on), so nothing acknowledged
 * is lost.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_SHUTDOWN_WAIT = Duration.ofSeconds(30);
    private static final Duration ORPHAN_KILL_WAIT = Duration.ofSeconds(10);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock) {
        this.postgres = postgres;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Starts PostgreSQL on the given data directory, creating it on first use. */
    public static EmbeddedPostgresServer start(Path dataDir) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(dataDir.resolve("pinstripe.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null; // held by this very JVM
            }
            if (lock == null) {
                throw new IllegalStateException("The data directory " + dataDir.toAbsolutePath()
                        + " is in use by another Pinstripe process. Stop it, or choose another directory"
                        + " with PINSTRIPE_DATA_DIR / --data-dir.");
            }
            Path pgData = dataDir.resolve("postgres");
            Files.createDirectories(pgData);
            stopOrphanedPostmaster(pgData);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(STARTUP_WAIT)
                    // zonky defaults to synchronous_commit=off and passes -F (fsync off) to postgres.
                    // Acknowledged writes must survive a crash, so both are switched back on here and
                    // checked after start (Database.assertDurable).
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            log.info("Embedded PostgreSQL started on port {} with data in {}", pg.getPort(), pgData.toAbsolutePath());
            return new EmbeddedPostgresServer(pg, channel, lock);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL in "
                        + dataDir.toAbsolutePath(), io);
            }
            throw (RuntimeException) e;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close(); // releases the lock too
            } catch (IOException ignored) {
                // nothing more to do; the process exit releases it
            }
        }
    }

    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            log.warn("Could not release the data directory lock", e);
        }
    }

    /**
     * Shuts down a postmaster left running in {@code pgData} by a killed process. postmaster.pid's
     * first line is the postmaster's PID and its second the data directory it serves. Only a live
     * postgres process whose pid file names this directory (and, where /proc exists, whose working
     * directory is this directory) is stopped; anything else means the file is stale.
     */
    static void stopOrphanedPostmaster(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 2) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.getFirst().trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return;
        }
        String command = process.get().info().command().orElse("");
        if (!command.endsWith("postgres") || !servesDirectory(pid, lines.get(1).trim(), pgData)) {
            // The PID was reused by another program (e.g. after a reboot): the pid file is stale.
            log.warn("Removing stale {} (PID {} is now {}, not this directory's PostgreSQL)", pidFile, pid, command);
            Files.deleteIfExists(pidFile);
            return;
        }
        log.warn("Found PostgreSQL (PID {}) still running in {} from a previous Pinstripe that did not shut down;"
                + " stopping it before starting again", pid, pgData.toAbsolutePath());
        // SIGTERM is PostgreSQL's smart shutdown; the dead process's connections are already closed.
        process.get().destroy();
        if (!awaitExit(process.get(), ORPHAN_SHUTDOWN_WAIT)) {
            log.warn("PostgreSQL (PID {}) did not stop within {}; killing it (crash recovery will run on start)",
                    pid, ORPHAN_SHUTDOWN_WAIT);
            process.get().destroyForcibly();
            if (!awaitExit(process.get(), ORPHAN_KILL_WAIT)) {
                throw new IllegalStateException("PostgreSQL (PID " + pid + ") still runs in " + pgData.toAbsolutePath()
                        + " and could not be stopped (is it another user's process?). Stop it, then start again.");
            }
        }
    }

    /** Whether the process's pid file and, where visible, its working directory are this data directory. */
    private static boolean servesDirectory(long pid, String pidFileDirectory, Path pgData) throws IOException {
        Path expected = pgData.toRealPath();
        try {
            if (!Path.of(pidFileDirectory).toRealPath().equals(expected)) {
                return false;
            }
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return false;
        }
        Path cwd = Path.of("/proc", Long.toString(pid), "cwd");
        if (Files.exists(Path.of("/proc/self/cwd"))) {
            try {
                return cwd.toRealPath().equals(expected);
            } catch (IOException e) {
                return false; // not ours to inspect, so not ours to stop
            }
        }
        return true;
    }

    private static boolean awaitExit(ProcessHandle process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping an orphaned PostgreSQL", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
