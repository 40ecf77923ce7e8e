package dev.pinstripe.radar;

import dev.pinstripe.api.Scope;
import dev.pinstripe.radar.rules.Rule;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/** The SQL of an account's Radar rules ({@code radar_rules}) and settings ({@code radar_settings}). */
final class RadarStore {
    private RadarStore() {}

    static List<RadarRule> rules(Handle h, Scope scope, Function<String, Rule> parse) {
        return h.createQuery("SELECT id, predicate, created FROM radar_rules WHERE account_id = ? AND livemode = ?"
                        + " ORDER BY created, id")
                .bind(0, scope.accountId()).bind(1, scope.livemode())
                .map((rs, ctx) -> new RadarRule(rs.getString(1), rs.getString(2), rs.getLong(3),
                        parse.apply(rs.getString(2))))
                .list();
    }

    static Optional<RadarRule> rule(Handle h, Scope scope, String id, Function<String, Rule> parse) {
        return h.createQuery("SELECT id, predicate, created FROM radar_rules WHERE account_id = ? AND livemode = ?"
                        + " AND id = ?")
                .bind(0, scope.accountId()).bind(1, scope.livemode()).bind(2, id)
                .map((rs, ctx) -> new RadarRule(rs.getString(1), rs.getString(2), rs.getLong(3),
                        parse.apply(rs.getString(2))))
                .findOne();
    }

    static void insertRule(Handle h, Scope scope, RadarRule r) {
        h.createUpdate("INSERT INTO radar_rules (id, account_id, livemode, action, predicate, created)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .bind(0, r.id()).bind(1, scope.accountId()).bind(2, scope.livemode())
                .bind(3, r.parsed().action().wireName()).bind(4, r.source()).bind(5, r.created()).execute();
    }

    static boolean deleteRule(Handle h, Scope scope, String id) {
        return h.createUpdate("DELETE FROM radar_rules WHERE account_id = ? AND livemode = ? AND id = ?")
                .bind(0, scope.accountId()).bind(1, scope.livemode()).bind(2, id).execute() > 0;
    }

    static RadarSettings settings(Handle h, Scope scope) {
        return h.createQuery("SELECT block_highest, review_elevated, metadata_inputs, time_zone FROM radar_settings"
                        + " WHERE account_id = ? AND livemode = ?")
                .bind(0, scope.accountId()).bind(1, scope.livemode())
                .map((rs, ctx) -> new RadarSettings(rs.getBoolean(1), rs.getBoolean(2),
                        List.of((String[]) rs.getArray(3).getArray()),
                        rs.getString(4) == null ? null : ZoneId.of(rs.getString(4))))
                .findOne().orElse(RadarSettings.DEFAULTS);
    }

    static void saveSettings(Handle h, Scope scope, RadarSettings s) {
        h.createUpdate("INSERT INTO radar_settings (account_id, livemode, block_highest, review_elevated,"
                        + " metadata_inputs, time_zone) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, livemode)"
                        + " DO UPDATE SET block_highest = excluded.block_highest,"
                        + " review_elevated = excluded.review_elevated, metadata_inputs = excluded.metadata_inputs,"
                        + " time_zone = excluded.time_zone")
                .bind(0, scope.accountId()).bind(1, scope.livemode()).bind(2, s.blockHighest())
                .bind(3, s.reviewElevated()).bind(4, s.metadataInputs().toArray(String[]::new))
                .bind(5, s.timeZone() == null ? null : s.timeZone().getId()).execute();
    }
}
