package dev.pinstripe.ledger;

import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Scope;
import dev.pinstripe.store.Keyset;
import dev.pinstripe.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for journal entries and postings. Nothing here updates or deletes. */
final class LedgerStore {
    static final String TABLE = "journal_entries";
    static final String COLUMNS = "id, created, type, reporting_category, source_id, currency, available_on, description";

    /** Writes an entry and all its postings in one statement, as the balance trigger requires. */
    void insert(Handle h, Scope scope, JournalEntry e) {
        StringBuilder sql = new StringBuilder("""
                WITH entry AS (
                    INSERT INTO journal_entries (id, account_id, livemode, created, type, reporting_category, source_id,
                        currency, available_on, description)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?))
                INSERT INTO postings (journal_entry_id, position, account_id, livemode, ledger_account, currency,
                    amount, available_on, fee_type, fee_description) VALUES""");
        List<Object> values = new ArrayList<>(List.of(e.id(), scope.accountId(), scope.livemode(), e.created(),
                e.type(), e.reportingCategory(), e.sourceId(), e.currency(), e.availableOn()));
        values.add(e.description());
        for (int i = 0; i < e.postings().size(); i++) {
            JournalEntry.Posting p = e.postings().get(i);
            sql.append(i == 0 ? " " : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            values.add(e.id());
            values.add(i);
            values.add(scope.accountId());
            values.add(scope.livemode());
            values.add(p.account().wire);
            values.add(e.currency());
            values.add(p.amount());
            values.add(e.availableOn());
            values.add(p.feeType());
            values.add(p.feeDescription());
        }
        Sql.update(h, sql.toString(), values.toArray());
    }

    Optional<JournalEntry> find(Handle h, Scope scope, String id) {
        List<Head> heads = h.createQuery("SELECT " + COLUMNS + " FROM journal_entries"
                        + " WHERE id = :id AND account_id = :account AND livemode = :livemode")
                .bind("id", id).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .map(LedgerStore::head).list();
        return withPostings(h, heads).stream().findFirst();
    }

    /** The entries whose source is one of {@code sourceIds}, oldest first. */
    List<JournalEntry> bySources(Handle h, Scope scope, List<String> sourceIds) {
        List<Head> heads = h.createQuery("SELECT " + COLUMNS + " FROM journal_entries WHERE source_id IN (<ids>)"
                        + " AND account_id = :account AND livemode = :livemode ORDER BY seq")
                .bindList("ids", sourceIds).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .map(LedgerStore::head).list();
        return withPostings(h, heads);
    }

    Page<JournalEntry> list(Handle h, Scope scope, ListRequest request, String type, String sourceId,
            String currency) {
        Map<String, Object> filters = new HashMap<>();
        filters.put("type", type);
        filters.put("source_id", sourceId);
        filters.put("currency", currency);
        Page<Head> heads = Keyset.pageWhereEqual(h, scope, request, TABLE, COLUMNS, filters, LedgerStore::head,
                "balance_transaction");
        return new Page<>(withPostings(h, heads.items()), heads.hasMore());
    }

    /** The merchant balance per currency: {available, pending} as of {@code now} (unix seconds). */
    Map<String, long[]> balances(Handle h, Scope scope, long now) {
        Map<String, long[]> result = new LinkedHashMap<>();
        h.createQuery("""
                        SELECT currency, coalesce(sum(amount) FILTER (WHERE available_on <= :now), 0),
                               coalesce(sum(amount) FILTER (WHERE available_on > :now), 0)
                        FROM postings
                        WHERE account_id = :account AND livemode = :livemode AND ledger_account = 'merchant_balance'
                        GROUP BY currency ORDER BY currency""")
                .bind("now", now).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .map((rs, ctx) -> result.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)}))
                .list();
        return result;
    }

    Pricing pricing(Handle h, Scope scope) {
        return Sql.one(h, "SELECT fee_percent_bps, fee_fixed FROM accounts WHERE id = ?",
                rs -> new Pricing(rs.getInt(1), rs.getLong(2)), scope.accountId());
    }

    void setPricing(Handle h, String accountId, Pricing pricing) {
        Sql.update(h, "UPDATE accounts SET fee_percent_bps = ?, fee_fixed = ? WHERE id = ?",
                pricing.percentBps(), pricing.fixedMinor(), accountId);
    }

    private record Head(String id, long created, String type, String reportingCategory, String sourceId,
            String currency, long availableOn, String description) {}

    private static Head head(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Head(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), rs.getString(8));
    }

    private static List<JournalEntry> withPostings(Handle h, List<Head> heads) {
        if (heads.isEmpty()) {
            return List.of();
        }
        Map<String, List<JournalEntry.Posting>> postings = new HashMap<>();
        h.createQuery("SELECT journal_entry_id, ledger_account, amount, fee_type, fee_description FROM postings"
                        + " WHERE journal_entry_id IN (<ids>) ORDER BY journal_entry_id, position")
                .bindList("ids", heads.stream().map(Head::id).toList())
                .map((rs, ctx) -> postings.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new JournalEntry.Posting(LedgerAccount.of(rs.getString(2)), rs.getLong(3),
                                rs.getString(4), rs.getString(5))))
                .list();
        List<JournalEntry> entries = new ArrayList<>(heads.size());
        for (Head head : heads) {
            entries.add(new JournalEntry(head.id(), head.created(), head.type(), head.reportingCategory(),
                    head.sourceId(), head.currency(), head.availableOn(), head.description(),
                    postings.getOrDefault(head.id(), List.of())));
        }
        return entries;
    }
}
