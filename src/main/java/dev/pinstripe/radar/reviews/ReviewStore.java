package dev.pinstripe.radar.reviews;

import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Scope;
import dev.pinstripe.store.Keyset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for reviews. */
final class ReviewStore {
    static final String COLUMNS = "id, livemode, created, charge_id, payment_intent_id, open, opened_reason,"
            + " closed_reason, closed_at, billing_zip, ip_address";

    /**
     * Inserts an open review unless its charge already has one.
     *
     * @return false when the charge already had an open review (nothing was written)
     */
    boolean insertOpen(Handle h, Scope scope, Review r) {
        return h.createUpdate("""
                        INSERT INTO reviews (id, account_id, livemode, created, charge_id, payment_intent_id, open,
                            opened_reason, billing_zip, ip_address)
                        VALUES (:id, :account, :livemode, :created, :charge, :paymentIntent, true, :openedReason,
                            :billingZip, :ipAddress)
                        ON CONFLICT (charge_id) WHERE open DO NOTHING""")
                .bind("id", r.id()).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .bind("created", r.created()).bind("charge", r.chargeId()).bind("paymentIntent", r.paymentIntentId())
                .bind("openedReason", r.openedReason()).bind("billingZip", r.billingZip())
                .bind("ipAddress", r.ipAddress())
                .execute() == 1;
    }

    void close(Handle h, Scope scope, Review r) {
        int updated = h.createUpdate("""
                        UPDATE reviews SET open = false, closed_reason = :reason, closed_at = :closedAt
                        WHERE id = :id AND account_id = :account AND livemode = :livemode AND open""")
                .bind("reason", r.closedReason()).bind("closedAt", r.closedAt())
                .bind("id", r.id()).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .execute();
        if (updated != 1) {
            throw new IllegalStateException("review " + r.id() + " was not open (callers hold its row lock)");
        }
    }

    Optional<Review> find(Handle h, Scope scope, String id, boolean forUpdate) {
        return h.createQuery("SELECT " + COLUMNS + " FROM reviews"
                        + " WHERE id = :id AND account_id = :account AND livemode = :livemode"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("id", id).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .map(ReviewStore::map)
                .findOne();
    }

    /** The charge's open review, if any (at most one: the unique index reviews_open_charge). */
    Optional<Review> findOpenByCharge(Handle h, Scope scope, String chargeId, boolean forUpdate) {
        return h.createQuery("SELECT " + COLUMNS + " FROM reviews"
                        + " WHERE charge_id = :charge AND open AND account_id = :account AND livemode = :livemode"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("charge", chargeId).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .map(ReviewStore::map)
                .findOne();
    }

    /** The charge's most recent review, open or closed. */
    Optional<Review> findLatestByCharge(Handle h, Scope scope, String chargeId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM reviews"
                        + " WHERE charge_id = :charge AND account_id = :account AND livemode = :livemode"
                        + " ORDER BY created DESC, seq DESC LIMIT 1")
                .bind("charge", chargeId).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .map(ReviewStore::map)
                .findOne();
    }

    /** Open reviews only, newest first, as Stripe lists them. */
    Page<Review> listOpen(Handle h, Scope scope, ListRequest request) {
        return Keyset.page(h, scope, request, "reviews", COLUMNS, "open", Map.of(), ReviewStore::map, "review");
    }

    static Review map(ResultSet rs, StatementContext ctx) throws SQLException {
        long closedAt = rs.getLong(9);
        Long closed = rs.wasNull() ? null : closedAt;
        return new Review(rs.getString(1), rs.getBoolean(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getBoolean(6), rs.getString(7), rs.getString(8), closed, rs.getString(10), rs.getString(11));
    }
}
