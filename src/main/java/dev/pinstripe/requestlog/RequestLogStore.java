package dev.pinstripe.requestlog;

import dev.pinstripe.store.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for {@code request_logs}. */
public final class RequestLogStore {
    static final String COLUMNS = "id, created_ms, request_id, account_id, livemode, method, path, route, status,"
            + " latency_us, client_ip, user_agent, idempotency_key, api_version, error_type, error_code, object_ids";

    private static final String INSERT = """
            INSERT INTO request_logs (request_id, created_ms, account_id, livemode, method, path, route, status,
                latency_us, client_ip, user_agent, idempotency_key, api_version, error_type, error_code, object_ids)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** A stored entry and its row ID (the cursor of {@code logs tail}). */
    public record Row(long id, RequestLogEntry entry) {}

    /** Filters for reading the log; null fields do not filter. */
    public record Filter(String accountId, Boolean livemode, Integer statusMin, Integer statusMax, String pathPrefix) {
        public static final Filter NONE = new Filter(null, null, null, null, null);
    }

    void insert(Handle h, List<RequestLogEntry> entries) {
        // Plain JDBC: JDBI's named binding of sixteen columns per row was most of this method's CPU.
        Connection c = h.getConnection();
        try (Statement st = c.createStatement();
                PreparedStatement insert = c.prepareStatement(INSERT)) {
            // Losing the last batch to a PostgreSQL crash is acceptable for a log; waiting for the WAL
            // flush on every batch is not worth it.
            st.execute("SET LOCAL synchronous_commit TO off");
            for (RequestLogEntry e : entries) {
                Sql.bind(insert, e.requestId(), e.timeMillis(), e.accountId(),
                        e.livemode() == null ? Sql.TypedNull.BOOLEAN : e.livemode(), e.method(),
                        cap(e.path(), 2048), cap(e.route(), 256), e.status(), e.latencyMicros(),
                        cap(e.clientIp(), 64), cap(e.userAgent(), 512), cap(e.idempotencyKey(), 255),
                        cap(e.apiVersion(), 64), cap(e.errorType(), 64), cap(e.errorCode(), 64));
                insert.setArray(16, c.createArrayOf("text", e.createdIds().stream().limit(16).toArray()));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new Sql.SqlFailure(INSERT, e);
        }
    }

    /** One request's entry, within the account (and mode) that made it. */
    public Optional<Row> find(Handle h, String requestId, String accountId, boolean livemode) {
        return h.createQuery("SELECT " + COLUMNS + " FROM request_logs WHERE request_id = :id"
                        + " AND account_id = :account AND livemode = :livemode ORDER BY id LIMIT 1")
                .bind("id", requestId).bind("account", accountId).bind("livemode", livemode)
                .map(RequestLogStore::map)
                .findOne();
    }

    /** Entries after row {@code afterId}, oldest first, at most {@code limit}. */
    public List<Row> after(Handle h, long afterId, Filter f, int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM request_logs WHERE id > :after" + where(f)
                        + " ORDER BY id LIMIT :limit")
                .bind("after", afterId).bind("limit", limit)
                .bindMap(binds(f))
                .map(RequestLogStore::map)
                .list();
    }

    /** The newest {@code limit} entries, newest first (and before row {@code beforeId} when given). */
    public List<Row> newest(Handle h, Long beforeId, Filter f, int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM request_logs WHERE id < :before" + where(f)
                        + " ORDER BY id DESC LIMIT :limit")
                .bind("before", beforeId == null ? Long.MAX_VALUE : beforeId).bind("limit", limit)
                .bindMap(binds(f))
                .map(RequestLogStore::map)
                .list();
    }

    /** Streams the entries of a time range [fromMs, toMs) to {@code sink}, without holding them. */
    public void scan(Handle h, long fromMs, long toMs, Filter f, java.util.function.Consumer<RequestLogEntry> sink) {
        try (var stream = h.createQuery("SELECT " + COLUMNS + " FROM request_logs WHERE created_ms >= :from"
                        + " AND created_ms < :to" + where(f))
                .bind("from", fromMs).bind("to", toMs)
                .bindMap(binds(f))
                .setFetchSize(1000)
                .map(RequestLogStore::map)
                .stream()) {
            stream.forEach(row -> sink.accept(row.entry()));
        }
    }

    /** Deletes entries older than {@code beforeMs}, at most {@code rows}; returns how many. */
    int deleteOlderThan(Handle h, long beforeMs, int rows) {
        return h.createUpdate("DELETE FROM request_logs WHERE id IN (SELECT id FROM request_logs"
                        + " WHERE created_ms < :before ORDER BY created_ms LIMIT :rows)")
                .bind("before", beforeMs).bind("rows", rows)
                .execute();
    }

    private static String where(Filter f) {
        StringBuilder w = new StringBuilder();
        if (f.accountId() != null) {
            w.append(" AND account_id = :account");
        }
        if (f.livemode() != null) {
            w.append(" AND livemode = :livemode");
        }
        if (f.statusMin() != null) {
            w.append(" AND status >= :statusMin");
        }
        if (f.statusMax() != null) {
            w.append(" AND status <= :statusMax");
        }
        if (f.pathPrefix() != null) {
            w.append(" AND starts_with(path, :pathPrefix)");
        }
        return w.toString();
    }

    private static java.util.Map<String, Object> binds(Filter f) {
        java.util.Map<String, Object> b = new java.util.HashMap<>();
        if (f.accountId() != null) {
            b.put("account", f.accountId());
        }
        if (f.livemode() != null) {
            b.put("livemode", f.livemode());
        }
        if (f.statusMin() != null) {
            b.put("statusMin", f.statusMin());
        }
        if (f.statusMax() != null) {
            b.put("statusMax", f.statusMax());
        }
        if (f.pathPrefix() != null) {
            b.put("pathPrefix", f.pathPrefix());
        }
        return b;
    }

    static Row map(ResultSet rs, StatementContext ctx) throws SQLException {
        Array ids = rs.getArray("object_ids");
        boolean live = rs.getBoolean("livemode");
        Boolean livemode = rs.wasNull() ? null : live;
        return new Row(rs.getLong("id"), new RequestLogEntry(rs.getLong("created_ms"), rs.getString("request_id"),
                rs.getString("account_id"), livemode, rs.getString("method"), rs.getString("path"),
                rs.getString("route"), rs.getInt("status"), rs.getLong("latency_us"), rs.getString("client_ip"),
                rs.getString("user_agent"), rs.getString("idempotency_key"), rs.getString("api_version"),
                rs.getString("error_type"), rs.getString("error_code"),
                ids == null ? List.of() : Arrays.asList((String[]) ids.getArray())));
    }

    private static String cap(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
