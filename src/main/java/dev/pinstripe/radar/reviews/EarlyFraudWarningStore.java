package dev.pinstripe.radar.reviews;

import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Scope;
import dev.pinstripe.store.Keyset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for early fraud warnings. */
final class EarlyFraudWarningStore {
    static final String COLUMNS = "id, livemode, created, charge_id, payment_intent_id, actionable, fraud_type";
    /** Warnings of one charge that one change may touch; issuers send one, rarely a few. */
    static final int PER_CHARGE_MAX = 100;

    void insert(Handle h, Scope scope, EarlyFraudWarning w) {
        h.createUpdate("""
                        INSERT INTO early_fraud_warnings (id, account_id, livemode, created, charge_id, payment_intent_id,
                            actionable, fraud_type)
                        VALUES (:id, :account, :livemode, :created, :charge, :paymentIntent, :actionable, :fraudType)""")
                .bind("id", w.id()).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .bind("created", w.created()).bind("charge", w.chargeId()).bind("paymentIntent", w.paymentIntentId())
                .bind("actionable", w.actionable()).bind("fraudType", w.fraudType())
                .execute();
    }

    void markNotActionable(Handle h, Scope scope, String id) {
        h.createUpdate("UPDATE early_fraud_warnings SET actionable = false"
                        + " WHERE id = :id AND account_id = :account AND livemode = :livemode")
                .bind("id", id).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .execute();
    }

    Optional<EarlyFraudWarning> find(Handle h, Scope scope, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM early_fraud_warnings"
                        + " WHERE id = :id AND account_id = :account AND livemode = :livemode")
                .bind("id", id).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .map(EarlyFraudWarningStore::map)
                .findOne();
    }

    /** The charge's actionable warnings, locked in creation order (so concurrent callers cannot deadlock). */
    List<EarlyFraudWarning> lockActionableByCharge(Handle h, Scope scope, String chargeId) {
        List<EarlyFraudWarning> found = h.createQuery("SELECT " + COLUMNS + " FROM early_fraud_warnings"
                        + " WHERE charge_id = :charge AND actionable AND account_id = :account AND livemode = :livemode"
                        + " ORDER BY seq LIMIT :limit FOR UPDATE")
                .bind("charge", chargeId).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .bind("limit", PER_CHARGE_MAX + 1)
                .map(EarlyFraudWarningStore::map)
                .list();
        if (found.size() > PER_CHARGE_MAX) {
            throw new IllegalStateException("charge " + chargeId + " has more than " + PER_CHARGE_MAX
                    + " actionable early fraud warnings");
        }
        return found;
    }

    Page<EarlyFraudWarning> list(Handle h, Scope scope, ListRequest request, String chargeId, String paymentIntentId) {
        Map<String, Object> filters = new HashMap<>();
        filters.put("charge_id", chargeId);
        filters.put("payment_intent_id", paymentIntentId);
        return Keyset.pageWhereEqual(h, scope, request, "early_fraud_warnings", COLUMNS, filters,
                EarlyFraudWarningStore::map, "radar.early_fraud_warning");
    }

    static EarlyFraudWarning map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new EarlyFraudWarning(rs.getString(1), rs.getBoolean(2), rs.getLong(3), rs.getString(4),
                rs.getString(5), rs.getBoolean(6), rs.getString(7));
    }
}
