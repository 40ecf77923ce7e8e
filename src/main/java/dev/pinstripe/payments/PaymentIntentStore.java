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

/** SQL for PaymentIntents. */
final class PaymentIntentStore {
    static final String COLUMNS = "id, livemode, created, amount, currency, status, capture_method,"
            + " confirmation_method, customer_id, payment_method_id, amount_capturable, amount_received,"
            + " latest_charge_id, client_secret, canceled_at, cancellation_reason, metadata::text, details::text";
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {};

    void insert(Handle h, Scope scope, PaymentIntent pi) {
        Sql.update(h, """
                        INSERT INTO payment_intents (id, account_id, livemode, created, amount, currency, status,
                            capture_method, confirmation_method, customer_id, payment_method_id, amount_capturable,
                            amount_received, latest_charge_id, client_secret, canceled_at, cancellation_reason,
                            metadata, details)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb))""",
                pi.id(), scope.accountId(), scope.livemode(), pi.created(), pi.amount(), pi.currency(), pi.status(),
                pi.captureMethod(), pi.confirmationMethod(), pi.customerId(), pi.paymentMethodId(),
                pi.amountCapturable(), pi.amountReceived(), pi.latestChargeId(), pi.clientSecret(),
                pi.canceledAt() == null ? Sql.TypedNull.BIGINT : pi.canceledAt(), pi.cancellationReason(),
                StoredJson.write(pi.metadata()), StoredJson.write(pi.details()));
    }

    void update(Handle h, Scope scope, PaymentIntent pi) {
        Sql.update(h, """
                        UPDATE payment_intents SET amount = ?, currency = ?, status = ?, capture_method = ?,
                            customer_id = ?, payment_method_id = ?, amount_capturable = ?, amount_received = ?,
                            latest_charge_id = ?, canceled_at = ?, cancellation_reason = ?,
                            metadata = CAST(? AS jsonb), details = CAST(? AS jsonb)
                        WHERE id = ? AND account_id = ? AND livemode = ?""",
                pi.amount(), pi.currency(), pi.status(), pi.captureMethod(), pi.customerId(), pi.paymentMethodId(),
                pi.amountCapturable(), pi.amountReceived(), pi.latestChargeId(),
                pi.canceledAt() == null ? Sql.TypedNull.BIGINT : pi.canceledAt(), pi.cancellationReason(),
                StoredJson.write(pi.metadata()), StoredJson.write(pi.details()), pi.id(), scope.accountId(),
                scope.livemode());
    }

    Optional<PaymentIntent> find(Handle h, Scope scope, String id, boolean forUpdate) {
        return h.createQuery("SELECT " + COLUMNS + " FROM payment_intents"
                        + " WHERE id = :id AND account_id = :account AND livemode = :livemode"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("id", id).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .map(PaymentIntentStore::map)
                .findOne();
    }

    /** The scope a PaymentIntent belongs to, for pages reached by client secret rather than API key. */
    Optional<Scope> scopeOf(Handle h, String id) {
        return h.createQuery("SELECT account_id, livemode FROM payment_intents WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Scope(rs.getString(1), rs.getBoolean(2)))
                .findOne();
    }

    Page<PaymentIntent> list(Handle h, Scope scope, ListRequest request, String customerId) {
        Map<String, Object> filters = new HashMap<>();
        filters.put("customer_id", customerId);
        return Keyset.pageWhereEqual(h, scope, request, "payment_intents", COLUMNS, filters, PaymentIntentStore::map,
                "payment_intent");
    }

    static PaymentIntent map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new PaymentIntent(rs.getString(1), rs.getBoolean(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getLong(11),
                rs.getLong(12), rs.getString(13), rs.getString(14), (Long) rs.getObject(15), rs.getString(16),
                StoredJson.read(rs.getString(17), METADATA),
                StoredJson.read(rs.getString(18), PaymentIntent.Details.class));
    }
}
