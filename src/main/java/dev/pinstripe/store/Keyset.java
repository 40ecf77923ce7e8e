package dev.pinstripe.store;

import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Scope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * Stripe's list pagination over any table with {@code account_id, livemode, created, seq, id}:
 * newest first by {@code (created, seq)}, with {@code starting_after} / {@code ending_before} as
 * keyset cursors (no OFFSET, so deep pages cost the same as the first) and {@code created} filters.
 */
public final class Keyset {
    private Keyset() {}

    /**
     * @param table     the table, from code (never from input)
     * @param columns   the select list, from code
     * @param where     extra conditions (from code) such as {@code deleted_at IS NULL}, or ""
     * @param binds     values for named parameters in {@code where}
     * @param objectName the object's name for resource_missing errors on a bad cursor
     */
    public static <T> Page<T> page(Handle h, Scope scope, ListRequest request, String table, String columns,
            String where, Map<String, Object> binds, RowMapper<T> mapper, String objectName) {
        StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(" FROM ").append(table)
                .append(" WHERE account_id = :account AND livemode = :livemode");
        if (!where.isEmpty()) {
            sql.append(" AND ").append(where);
        }
        Map<String, Object> values = new LinkedHashMap<>(binds);
        ListRequest.CreatedFilter created = request.created();
        appendBound(sql, values, "created >", "gt", created.gt());
        appendBound(sql, values, "created >=", "gte", created.gte());
        appendBound(sql, values, "created <", "lt", created.lt());
        appendBound(sql, values, "created <=", "lte", created.lte());
        if (request.cursor() != null) {
            long[] cursor = cursor(h, scope, table, request, objectName);
            sql.append(request.backwards() ? " AND (created, seq) > (:cursorCreated, :cursorSeq)"
                    : " AND (created, seq) < (:cursorCreated, :cursorSeq)");
            values.put("cursorCreated", cursor[0]);
            values.put("cursorSeq", cursor[1]);
        }
        sql.append(request.backwards() ? " ORDER BY created ASC, seq ASC" : " ORDER BY created DESC, seq DESC");
        sql.append(" LIMIT :limitPlusOne");
        Query query = h.createQuery(sql.toString())
                .bind("account", scope.accountId())
                .bind("livemode", scope.livemode())
                .bind("limitPlusOne", request.limit() + 1);
        values.forEach(query::bind);
        List<T> rows = new ArrayList<>(query.map(mapper).list());
        boolean hasMore = rows.size() > request.limit();
        if (hasMore) {
            rows.removeLast();
        }
        if (request.backwards()) {
            Collections.reverse(rows);
        }
        return new Page<>(rows, hasMore);
    }

    /**
     * A page filtered by equality on columns: each non-null value of {@code equalTo} (column name,
     * from code, to value) adds {@code column = value}.
     */
    public static <T> Page<T> pageWhereEqual(Handle h, Scope scope, ListRequest request, String table, String columns,
            Map<String, Object> equalTo, RowMapper<T> mapper, String objectName) {
        StringBuilder where = new StringBuilder();
        Map<String, Object> binds = new LinkedHashMap<>();
        equalTo.forEach((column, value) -> {
            if (value != null) {
                where.append(where.isEmpty() ? "" : " AND ").append(column).append(" = :eq_").append(column);
                binds.put("eq_" + column, value);
            }
        });
        return page(h, scope, request, table, columns, where.toString(), binds, mapper, objectName);
    }

    private static void appendBound(StringBuilder sql, Map<String, Object> values, String condition, String name,
            Long value) {
        if (value != null) {
            sql.append(" AND ").append(condition).append(" :created_").append(name);
            values.put("created_" + name, value);
        }
    }

    /** The cursor object's position; it may have been deleted since, and still marks a place. */
    private static long[] cursor(Handle h, Scope scope, String table, ListRequest request, String objectName) {
        return h.createQuery("SELECT created, seq FROM " + table
                        + " WHERE id = :id AND account_id = :account AND livemode = :livemode")
                .bind("id", request.cursor())
                .bind("account", scope.accountId())
                .bind("livemode", scope.livemode())
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .findOne()
                .orElseThrow(() -> ApiErrors.resourceMissing(objectName, request.cursor(),
                        request.backwards() ? "ending_before" : "starting_after"));
    }
}
