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

/** SQL for refunds. */
final class RefundStore {
    static final String COLUMNS = "id, livemode, created, charge_id, payment_intent_id, details->>'customer',"
            + " details->>'payment_method', amount, currency, status, reason, balance_transaction_id, metadata::text";
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {};

    void insert(Handle h, Scope scope, Refund r) {
        Map<String, String> details = new HashMap<>();
        details.put("customer", r.customerId());
        details.put("payment_method", r.paymentMethodId());
        Sql.update(h, """
                        INSERT INTO refunds (id, account_id, livemode, created, charge_id, payment_intent_id, amount,
                            currency, status, reason, balance_transaction_id, metadata, details)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb))""",
                r.id(), scope.accountId(), scope.livemode(), r.created(), r.chargeId(), r.paymentIntentId(),
                r.amount(), r.currency(), r.status(), r.reason(), r.balanceTransactionId(),
                StoredJson.write(r.metadata()), StoredJson.write(details));
    }

    void updateMetadata(Handle h, Scope scope, Refund r) {
        Sql.update(h, "UPDATE refunds SET metadata = CAST(? AS jsonb) WHERE id = ? AND account_id = ? AND livemode = ?",
                StoredJson.write(r.metadata()), r.id(), scope.accountId(), scope.livemode());
    }

    Optional<Refund> find(Handle h, Scope scope, String id, boolean forUpdate) {
        return h.createQuery("SELECT " + COLUMNS + " FROM refunds"
                        + " WHERE id = :id AND account_id = :account AND livemode = :livemode"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("id", id).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .map(RefundStore::map)
                .findOne();
    }

    Page<Refund> list(Handle h, Scope scope, ListRequest request, String chargeId, String paymentIntentId) {
        Map<String, Object> filters = new HashMap<>();
        filters.put("charge_id", chargeId);
        filters.put("payment_intent_id", paymentIntentId);
        return Keyset.pageWhereEqual(h, scope, request, "refunds", COLUMNS, filters, RefundStore::map, "refund");
    }

    static Refund map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Refund(rs.getString(1), rs.getBoolean(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getLong(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), StoredJson.read(rs.getString(13), METADATA));
    }
}
