package dev.pinstripe.customers;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Scope;
import dev.pinstripe.store.Keyset;
import dev.pinstripe.store.Sql;
import dev.pinstripe.store.StoredJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for customers. */
final class CustomerStore {
    static final String TABLE = "customers";
    static final String COLUMNS = "id, livemode, created, email, name, phone, description, business_name,"
            + " individual_name, address::text, shipping::text, invoice_settings::text, invoice_prefix,"
            + " next_invoice_sequence, preferred_locales::text, tax_exempt, metadata::text, deleted_at, seq";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {};

    /** Inserts a customer; false if its invoice prefix is taken in the account. */
    boolean insert(Handle h, Scope scope, Customer c) {
        return Sql.update(h, """
                        INSERT INTO customers (id, account_id, livemode, created, email, name, phone, description,
                            business_name, individual_name, address, shipping, invoice_settings, invoice_prefix,
                            next_invoice_sequence, preferred_locales, tax_exempt, metadata)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb), ?, ?,
                            CAST(? AS jsonb), ?, CAST(? AS jsonb))
                        ON CONFLICT (account_id, livemode, invoice_prefix) DO NOTHING""",
                c.id(), scope.accountId(), scope.livemode(), c.created(), c.email(), c.name(), c.phone(),
                c.description(), c.businessName(), c.individualName(), StoredJson.write(c.address()),
                StoredJson.write(c.shipping()), StoredJson.write(c.invoiceSettings()), c.invoicePrefix(),
                c.nextInvoiceSequence(), StoredJson.write(c.preferredLocales()), c.taxExempt(),
                StoredJson.write(c.metadata())) == 1;
    }

    /** Updates a live customer's fields (a taken invoice prefix fails with a unique violation). */
    void update(Handle h, Scope scope, Customer c) {
        h.createUpdate("""
                        UPDATE customers SET email = :email, name = :name, phone = :phone, description = :description,
                            business_name = :businessName, individual_name = :individualName,
                            address = CAST(:address AS jsonb), shipping = CAST(:shipping AS jsonb),
                            invoice_settings = CAST(:invoiceSettings AS jsonb), invoice_prefix = :invoicePrefix,
                            next_invoice_sequence = :nextInvoiceSequence,
                            preferred_locales = CAST(:preferredLocales AS jsonb), tax_exempt = :taxExempt,
                            metadata = CAST(:metadata AS jsonb)
                        WHERE id = :id AND account_id = :account AND livemode = :livemode AND deleted_at IS NULL""")
                .bind("id", c.id()).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .bindMap(fields(c))
                .execute();
    }

    /** The values of a customer's columns, named as in the INSERT and UPDATE statements. */
    private static Map<String, Object> fields(Customer c) {
        Map<String, Object> fields = new java.util.HashMap<>();
        fields.put("email", c.email());
        fields.put("name", c.name());
        fields.put("phone", c.phone());
        fields.put("description", c.description());
        fields.put("businessName", c.businessName());
        fields.put("individualName", c.individualName());
        fields.put("address", StoredJson.write(c.address()));
        fields.put("shipping", StoredJson.write(c.shipping()));
        fields.put("invoiceSettings", StoredJson.write(c.invoiceSettings()));
        fields.put("invoicePrefix", c.invoicePrefix());
        fields.put("nextInvoiceSequence", c.nextInvoiceSequence());
        fields.put("preferredLocales", StoredJson.write(c.preferredLocales()));
        fields.put("taxExempt", c.taxExempt());
        fields.put("metadata", StoredJson.write(c.metadata()));
        return fields;
    }

    /** The customer, deleted or not, if it belongs to the scope; {@code forUpdate} locks its row. */
    Optional<Customer> find(Handle h, Scope scope, String id, boolean forUpdate) {
        return h.createQuery("SELECT " + COLUMNS + " FROM customers"
                        + " WHERE id = :id AND account_id = :account AND livemode = :livemode"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("id", id).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .map(CustomerStore::map)
                .findOne();
    }

    void markDeleted(Handle h, Scope scope, String id, long deletedAt) {
        h.createUpdate("UPDATE customers SET deleted_at = :at WHERE id = :id AND account_id = :account"
                        + " AND livemode = :livemode AND deleted_at IS NULL")
                .bind("at", deletedAt).bind("id", id).bind("account", scope.accountId())
                .bind("livemode", scope.livemode())
                .execute();
    }

    Page<Customer> list(Handle h, Scope scope, ListRequest request, String email) {
        String where = "deleted_at IS NULL" + (email != null ? " AND email = :email" : "");
        Map<String, Object> binds = email != null ? Map.of("email", email) : Map.of();
        return Keyset.page(h, scope, request, TABLE, COLUMNS, where, binds, CustomerStore::map, "customer");
    }

    /**
     * Live customers matching a search condition (from the search translator, with bound values),
     * newest first, after an optional position.
     */
    Page<Customer> search(Handle h, Scope scope, String condition, List<Object> values, int limit,
            long[] after) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM customers WHERE account_id = ?"
                + " AND livemode = ? AND deleted_at IS NULL AND (" + condition + ")");
        if (after != null) {
            sql.append(" AND (created, seq) < (?, ?)");
        }
        sql.append(" ORDER BY created DESC, seq DESC LIMIT ?");
        Query q = h.createQuery(sql.toString());
        int i = 0;
        q.bind(i++, scope.accountId());
        q.bind(i++, scope.livemode());
        for (Object v : values) {
            q.bind(i++, v);
        }
        if (after != null) {
            q.bind(i++, after[0]);
            q.bind(i++, after[1]);
        }
        q.bind(i, limit + 1);
        List<Customer> rows = new java.util.ArrayList<>(q.map(CustomerStore::map).list());
        boolean hasMore = rows.size() > limit;
        if (hasMore) {
            rows.removeLast();
        }
        return new Page<>(rows, hasMore);
    }

    /** How many live customers match a search condition, counting up to {@code max}. */
    long count(Handle h, Scope scope, String condition, List<Object> values, int max) {
        Query q = h.createQuery("SELECT count(*) FROM (SELECT 1 FROM customers WHERE account_id = ? AND livemode = ?"
                + " AND deleted_at IS NULL AND (" + condition + ") LIMIT ?) AS matching");
        int i = 0;
        q.bind(i++, scope.accountId());
        q.bind(i++, scope.livemode());
        for (Object v : values) {
            q.bind(i++, v);
        }
        q.bind(i, max);
        return q.mapTo(Long.class).one();
    }

    /** (created, seq) of a customer, for search page tokens. */
    long[] position(Handle h, Scope scope, String id) {
        return h.createQuery("SELECT created, seq FROM customers"
                        + " WHERE id = :id AND account_id = :account AND livemode = :livemode")
                .bind("id", id).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
    }

    static Customer map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Customer(
                rs.getString(1),
                rs.getBoolean(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                StoredJson.read(rs.getString(10), Customer.Address.class),
                StoredJson.read(rs.getString(11), Customer.Shipping.class),
                StoredJson.read(rs.getString(12), Customer.InvoiceSettings.class),
                rs.getString(13),
                rs.getLong(14),
                StoredJson.read(rs.getString(15), STRINGS),
                rs.getString(16),
                StoredJson.read(rs.getString(17), METADATA),
                (Long) rs.getObject(18));
    }
}
