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

/** SQL for disputes. */
final class DisputeStore {
    static final String COLUMNS = "id, livemode, created, charge_id, payment_intent_id, amount, currency, status,"
            + " reason, is_charge_refundable, metadata::text, evidence::text, evidence_details::text";
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {};

    void insert(Handle h, Scope scope, Dispute d) {
        Sql.update(h, """
                        INSERT INTO disputes (id, account_id, livemode, created, charge_id, payment_intent_id, amount,
                            currency, status, reason, is_charge_refundable, metadata, evidence, evidence_details)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb))""",
                d.id(), scope.accountId(), scope.livemode(), d.created(), d.chargeId(), d.paymentIntentId(), d.amount(),
                d.currency(), d.status(), d.reason(), d.isChargeRefundable(), StoredJson.write(d.metadata()),
                Json.compact(d.evidence()), Json.compact(d.evidenceDetails()));
    }

    void update(Handle h, Scope scope, Dispute d) {
        Sql.update(h, """
                        UPDATE disputes SET status = ?, metadata = CAST(? AS jsonb), evidence = CAST(? AS jsonb),
                            evidence_details = CAST(? AS jsonb)
                        WHERE id = ? AND account_id = ? AND livemode = ?""",
                d.status(), StoredJson.write(d.metadata()), Json.compact(d.evidence()), Json.compact(d.evidenceDetails()),
                d.id(), scope.accountId(), scope.livemode());
    }

    Optional<Dispute> find(Handle h, Scope scope, String id, boolean forUpdate) {
        return h.createQuery("SELECT " + COLUMNS + " FROM disputes"
                        + " WHERE id = :id AND account_id = :account AND livemode = :livemode"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("id", id).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .map(DisputeStore::map)
                .findOne();
    }

    Optional<Dispute> findByCharge(Handle h, Scope scope, String chargeId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM disputes"
                        + " WHERE charge_id = :charge AND account_id = :account AND livemode = :livemode")
                .bind("charge", chargeId).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .map(DisputeStore::map)
                .findOne();
    }

    Page<Dispute> list(Handle h, Scope scope, ListRequest request, String chargeId, String paymentIntentId) {
        Map<String, Object> filters = new HashMap<>();
        filters.put("charge_id", chargeId);
        filters.put("payment_intent_id", paymentIntentId);
        return Keyset.pageWhereEqual(h, scope, request, "disputes", COLUMNS, filters, DisputeStore::map, "dispute");
    }

    static Dispute map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Dispute(rs.getString(1), rs.getBoolean(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBoolean(10),
                StoredJson.read(rs.getString(11), METADATA), (ObjectNode) Json.parse(rs.getString(12)),
                (ObjectNode) Json.parse(rs.getString(13)));
    }
}
