package dev.pinstripe.radar;

import dev.pinstripe.api.Scope;
import java.time.ZoneId;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * An account's Radar settings (the extension {@code /pinstripe/v1/radar/settings}): Stripe's two
 * default rules (block highest risk, on by default; review elevated risk, off by default), the
 * metadata keys the model may read, and the time zone for the time of day when a customer's is
 * unknown.
 */
public record RadarSettings(boolean blockHighest, boolean reviewElevated, List<String> metadataInputs,
        ZoneId timeZone) {

    public static final RadarSettings DEFAULTS = new RadarSettings(true, false, List.of(), null);

    public RadarSettings {
        metadataInputs = List.copyOf(metadataInputs);
    }

    static RadarSettings find(Handle h, Scope scope) {
        return h.createQuery("SELECT block_highest, review_elevated, metadata_inputs, time_zone FROM radar_settings"
                        + " WHERE account_id = ? AND livemode = ?")
                .bind(0, scope.accountId()).bind(1, scope.livemode())
                .map((rs, ctx) -> new RadarSettings(rs.getBoolean(1), rs.getBoolean(2),
                        List.of((String[]) rs.getArray(3).getArray()),
                        rs.getString(4) == null ? null : ZoneId.of(rs.getString(4))))
                .findOne().orElse(DEFAULTS);
    }

    static void save(Handle h, Scope scope, RadarSettings s) {
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
