package dev.pinstripe.payments;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Scope;
import dev.pinstripe.store.Keyset;
import dev.pinstripe.store.Sql;
import dev.pinstripe.store.StoredJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for charges. */
final class ChargeStore {
    static final String COLUMNS = "id, livemode, created, payment_intent_id, customer_id, payment_method_id, amount,"
            + " currency, status, captured, amount_captured, amount_refunded, amount_released, disputed,"
            + " balance_transaction_id, failure_code, failure_message, metadata::text, details::text";
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {};

    void insert(Handle h, Scope scope, Charge c) {
        Sql.update(h, """
                        INSERT INTO charges (id, account_id, livemode, created, payment_intent_id, customer_id,
                            payment_method_id, amount, currency, status, captured, amount_captured, amount_refunded,
                            amount_released, disputed, balance_transaction_id, failure_code, failure_message,
                            metadata, details)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb),
                            CAST(? AS jsonb))""",
                c.id(), scope.accountId(), scope.livemode(), c.created(), c.paymentIntentId(), c.customerId(),
                c.paymentMethodId(), c.amount(), c.currency(), c.status(), c.captured(), c.amountCaptured(),
                c.amountRefunded(), c.amountReleased(), c.disputed(), c.balanceTransactionId(), c.failureCode(),
                c.failureMessage(), StoredJson.write(c.metadata()), StoredJson.write(c.details()));
    }

    void update(Handle h, Scope scope, Charge c) {
        Sql.update(h, """
                        UPDATE charges SET captured = ?, amount_captured = ?, amount_refunded = ?, amount_released = ?,
                            disputed = ?, balance_transaction_id = ?, metadata = CAST(? AS jsonb),
                            details = CAST(? AS jsonb)
                        WHERE id = ? AND account_id = ? AND livemode = ?""",
                c.captured(), c.amountCaptured(), c.amountRefunded(), c.amountReleased(), c.disputed(),
                c.balanceTransactionId(), StoredJson.write(c.metadata()), StoredJson.write(c.details()), c.id(),
                scope.accountId(), scope.livemode());
    }

    Optional<Charge> find(Handle h, Scope scope, String id, boolean forUpdate) {
        return h.createQuery("SELECT " + COLUMNS + " FROM charges"
                        + " WHERE id = :id AND account_id = :account AND livemode = :livemode"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("id", id).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .map(ChargeStore::map)
                .findOne();
    }

    Page<Charge> list(Handle h, Scope scope, ListRequest request, String customerId, String paymentIntentId) {
        Map<String, Object> filters = new HashMap<>();
        filters.put("customer_id", customerId);
        filters.put("payment_intent_id", paymentIntentId);
        return Keyset.pageWhereEqual(h, scope, request, "charges", COLUMNS, filters, ChargeStore::map, "charge");
    }

    static Charge map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Charge(rs.getString(1), rs.getBoolean(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), rs.getString(8), rs.getString(9), rs.getBoolean(10), rs.getLong(11),
                rs.getLong(12), rs.getLong(13), rs.getBoolean(14), rs.getString(15), rs.getString(16), rs.getString(17),
                StoredJson.read(rs.getString(18), METADATA), StoredJson.read(rs.getString(19), Charge.Details.class));
    }
}
