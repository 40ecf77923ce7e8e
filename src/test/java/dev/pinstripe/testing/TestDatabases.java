package dev.pinstripe.testing;

import dev.pinstripe.store.EmbeddedPostgresServer;
import dev.pinstripe.store.JdbcUrls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Fresh, isolated PostgreSQL databases for tests: on the server named by
 * {@code PINSTRIPE_TEST_DATABASE_URL} when it is set (CI), otherwise on one embedded PostgreSQL
 * shared by the whole test JVM. Each database has a unique name and is dropped when closed.
 */
public final class TestDatabases {
    private static String adminUrl;

    private TestDatabases() {}

    /** A new empty database; close it to drop it. */
    public static TestDatabase create() {
        String admin = adminUrl();
        String name = "pinstripe_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        execute(admin, "CREATE DATABASE " + name);
        return new TestDatabase(name, withDatabase(admin, name), admin);
    }

    public record TestDatabase(String name, String url, String adminUrl) implements AutoCloseable {
        @Override
        public void close() {
            execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static synchronized String adminUrl() {
        if (adminUrl == null) {
            String external = System.getenv("PINSTRIPE_TEST_DATABASE_URL");
            if (external != null && !external.isBlank()) {
                adminUrl = JdbcUrls.toJdbc(external);
            } else {
                try {
                    Path dir = Files.createTempDirectory("pinstripe-test-pg");
                    EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir);
                    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
                    adminUrl = server.jdbcUrl("postgres");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return adminUrl;
    }

    /** The same server and credentials, another database. */
    static String withDatabase(String jdbcUrl, String database) {
        int hostStart = jdbcUrl.indexOf("//") + 2;
        int pathStart = jdbcUrl.indexOf('/', hostStart);
        int queryStart = jdbcUrl.indexOf('?');
        String query = queryStart < 0 ? "" : jdbcUrl.substring(queryStart);
        String base = pathStart < 0 ? (queryStart < 0 ? jdbcUrl : jdbcUrl.substring(0, queryStart))
                : jdbcUrl.substring(0, pathStart);
        return base + "/" + database + query;
    }

    static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + sql + "' on " + JdbcUrls.redact(url), e);
        }
    }

    /** The first column of every row {@code sql} returns, as a set (for checks on a server's database). */
    public static java.util.Set<String> strings(String url, String sql) {
        java.util.Set<String> out = new java.util.HashSet<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
