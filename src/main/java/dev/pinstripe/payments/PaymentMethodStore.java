package dev.pinstripe.payments;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.Json;
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

/** SQL for payment methods. */
final class PaymentMethodStore {
    static final String COLUMNS = "id, livemode, created, customer_id, card::text, network_profile,"
            + " billing_details::text, allow_redisplay, metadata::text";
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {};

    void insert(Handle h, Scope scope, PaymentMethod pm) {
        Sql.update(h, """
                        INSERT INTO payment_methods (id, account_id, livemode, created, type, customer_id, card,
                            network_profile, billing_details, allow_redisplay, metadata)
                        VALUES (?, ?, ?, ?, 'card', ?, CAST(? AS jsonb), ?, CAST(? AS jsonb), ?, CAST(? AS jsonb))""",
                pm.id(), scope.accountId(), scope.livemode(), pm.created(), pm.customerId(),
                StoredJson.write(pm.card()), pm.networkProfile(), Json.compact(pm.billingDetails()),
                pm.allowRedisplay(), StoredJson.write(pm.metadata()));
    }

    void update(Handle h, Scope scope, PaymentMethod pm) {
        Sql.update(h, """
                        UPDATE payment_methods SET customer_id = ?, card = CAST(? AS jsonb),
                            billing_details = CAST(? AS jsonb), allow_redisplay = ?, metadata = CAST(? AS jsonb)
                        WHERE id = ? AND account_id = ? AND livemode = ?""",
                pm.customerId(), StoredJson.write(pm.card()), Json.compact(pm.billingDetails()), pm.allowRedisplay(),
                StoredJson.write(pm.metadata()), pm.id(), scope.accountId(), scope.livemode());
    }

    Optional<PaymentMethod> find(Handle h, Scope scope, String id, boolean forUpdate) {
        return h.createQuery("SELECT " + COLUMNS + " FROM payment_methods"
                        + " WHERE id = :id AND account_id = :account AND livemode = :livemode"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("id", id).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .map(PaymentMethodStore::map)
                .findOne();
    }

    Page<PaymentMethod> list(Handle h, Scope scope, ListRequest request, String customerId) {
        Map<String, Object> filters = new HashMap<>();
        filters.put("customer_id", customerId);
        return Keyset.pageWhereEqual(h, scope, request, "payment_methods", COLUMNS, filters, PaymentMethodStore::map,
                "payment_method");
    }

    static PaymentMethod map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new PaymentMethod(rs.getString(1), rs.getBoolean(2), rs.getLong(3), rs.getString(4),
                StoredJson.read(rs.getString(5), PaymentMethod.Card.class), rs.getString(6),
                (ObjectNode) Json.parse(rs.getString(7)), rs.getString(8),
                StoredJson.read(rs.getString(9), METADATA));
    }
}
