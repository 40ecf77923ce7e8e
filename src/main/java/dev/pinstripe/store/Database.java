package dev.pinstripe.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connection pool, JDBI and migrations for one PostgreSQL database. */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    /**
     * Opens a pool on a JDBC URL. {@code postgres://user:pass@host:port/db} URLs (the form most
     * hosting providers hand out) are accepted too.
     */
    public static Database open(String url, int poolSizeMax) {
        return open(url, poolSizeMax, null);
    }

    /** As {@link #open(String, int)}, with the pool's metrics (use, waits, timeouts) in {@code metrics}. */
    public static Database open(String url, int poolSizeMax, io.micrometer.core.instrument.MeterRegistry metrics) {
        HikariConfig config = new HikariConfig();
        if (metrics != null) {
            config.setMetricRegistry(metrics);
        }
        config.setJdbcUrl(JdbcUrls.toJdbc(url));
        config.setMaximumPoolSize(poolSizeMax);
        config.setMinimumIdle(Math.min(4, poolSizeMax));
        config.setPoolName("pinstripe");
        config.setAutoCommit(true);
        config.setConnectionTimeout(10_000);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "pinstripe");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        return new Database(new HikariDataSource(config));
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public MigrateResult migrate() {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
        MigrateResult result = flyway.migrate();
        log.info("Database schema at version {} ({} migrations applied now)",
                flyway.info().current().getVersion(), result.migrationsExecuted);
        return result;
    }

    /** Whether every migration in the jar has been applied (for {@code /readyz}). */
    public boolean migrated() {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
        return flyway.info().pending().length == 0;
    }

    /**
     * Refuses to run on a server that could lose acknowledged commits. Pinstripe acknowledges a write
     * only after COMMIT returns, which is durable only with fsync and synchronous_commit on.
     */
    public void assertDurable() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            String fsync = show(st, "fsync");
            String synchronousCommit = show(st, "synchronous_commit");
            if (!"on".equals(fsync) || "off".equals(synchronousCommit)) {
                throw new IllegalStateException("PostgreSQL runs with fsync=" + fsync + " and synchronous_commit="
                        + synchronousCommit + "; Pinstripe needs fsync=on and synchronous_commit not off,"
                        + " or acknowledged payments could be lost in a crash.");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the database's durability settings", e);
        }
    }

    private static String show(Statement st, String setting) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
