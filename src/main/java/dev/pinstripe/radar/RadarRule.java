package dev.pinstripe.radar;

import dev.pinstripe.api.Scope;
import dev.pinstripe.radar.rules.Rule;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** One of an account's rules, as stored: its ID, the rule as written and when it was added. */
public record RadarRule(String id, String source, long created, Rule parsed) {

    static List<RadarRule> list(Handle h, Scope scope, java.util.function.Function<String, Rule> parse) {
        return h.createQuery("SELECT id, predicate, created FROM radar_rules WHERE account_id = ? AND livemode = ?"
                        + " ORDER BY created, id")
                .bind(0, scope.accountId()).bind(1, scope.livemode())
                .map((rs, ctx) -> new RadarRule(rs.getString(1), rs.getString(2), rs.getLong(3),
                        parse.apply(rs.getString(2))))
                .list();
    }

    static Optional<RadarRule> find(Handle h, Scope scope, String id, java.util.function.Function<String, Rule> parse) {
        return h.createQuery("SELECT id, predicate, created FROM radar_rules WHERE account_id = ? AND livemode = ?"
                        + " AND id = ?")
                .bind(0, scope.accountId()).bind(1, scope.livemode()).bind(2, id)
                .map((rs, ctx) -> new RadarRule(rs.getString(1), rs.getString(2), rs.getLong(3),
                        parse.apply(rs.getString(2))))
                .findOne();
    }

    static void insert(Handle h, Scope scope, RadarRule r) {
        h.createUpdate("INSERT INTO radar_rules (id, account_id, livemode, action, predicate, created)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .bind(0, r.id()).bind(1, scope.accountId()).bind(2, scope.livemode())
                .bind(3, r.parsed().action().wireName()).bind(4, r.source()).bind(5, r.created()).execute();
    }

    static boolean delete(Handle h, Scope scope, String id) {
        return h.createUpdate("DELETE FROM radar_rules WHERE account_id = ? AND livemode = ? AND id = ?")
                .bind(0, scope.accountId()).bind(1, scope.livemode()).bind(2, id).execute() > 0;
    }
}
