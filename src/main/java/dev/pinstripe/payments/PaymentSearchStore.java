package dev.pinstripe.payments;

import dev.pinstripe.api.Page;
import dev.pinstripe.api.Scope;
import dev.pinstripe.search.SqlFragment;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * SQL for searching PaymentIntents and charges: a condition from the search translator (with
 * positional {@code ?} placeholders), within one account and mode, newest first. The rows are read
 * with the resources' own column lists and mappers, so a search returns exactly what a retrieve
 * does.
 */
final class PaymentSearchStore {

    /**
     * A searchable table. All three parts are trusted constants of Pinstripe's code.
     *
     * @param columns the columns {@code mapper} reads, by position
     */
    record Table<T>(String name, String columns, RowMapper<T> mapper) {}

    static final Table<PaymentIntent> PAYMENT_INTENTS =
            new Table<>("payment_intents", PaymentIntentStore.COLUMNS, PaymentIntentStore::map);
    static final Table<Charge> CHARGES = new Table<>("charges", ChargeStore.COLUMNS, ChargeStore::map);

    /** A matching row and its place in the search order, for page tokens. */
    record Hit<T>(T item, long created, long seq) {}

    /** Rows matching {@code where}, newest first, after the position {@code (created, seq)} if given. */
    <T> Page<Hit<T>> search(Handle h, Scope scope, Table<T> table, SqlFragment where, int limit, long[] after) {
        StringBuilder sql = new StringBuilder("SELECT " + table.columns() + ", created AS search_created,"
                + " seq AS search_seq FROM " + table.name() + " WHERE account_id = ? AND livemode = ? AND "
                + where.sql());
        if (after != null) {
            sql.append(" AND (created, seq) < (?, ?)");
        }
        sql.append(" ORDER BY created DESC, seq DESC LIMIT ?");
        Query q = h.createQuery(sql.toString());
        int i = bindScopeAndCondition(q, scope, where);
        if (after != null) {
            q.bind(i++, after[0]);
            q.bind(i++, after[1]);
        }
        q.bind(i, limit + 1);
        RowMapper<T> mapper = table.mapper();
        List<Hit<T>> rows = new ArrayList<>(q.map((rs, ctx) -> new Hit<>(mapper.map(rs, ctx),
                rs.getLong("search_created"), rs.getLong("search_seq"))).list());
        boolean hasMore = rows.size() > limit;
        if (hasMore) {
            rows.removeLast();
        }
        return new Page<>(rows, hasMore);
    }

    /** How many rows match {@code where}, counting up to {@code max}. */
    long count(Handle h, Scope scope, Table<?> table, SqlFragment where, int max) {
        Query q = h.createQuery("SELECT count(*) FROM (SELECT 1 FROM " + table.name()
                + " WHERE account_id = ? AND livemode = ? AND " + where.sql() + " LIMIT ?) AS matching");
        int i = bindScopeAndCondition(q, scope, where);
        q.bind(i, max);
        return q.mapTo(Long.class).one();
    }

    /** Binds the account, the mode and the condition's values; returns the next position. */
    private static int bindScopeAndCondition(Query q, Scope scope, SqlFragment where) {
        if (!where.bindNames().isEmpty()) {
            throw new IllegalArgumentException("search conditions here use positional (?) placeholders");
        }
        int i = 0;
        q.bind(i++, scope.accountId());
        q.bind(i++, scope.livemode());
        for (Object v : where.bindValues()) {
            q.bind(i++, v);
        }
        return i;
    }
}
