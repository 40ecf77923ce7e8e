package dev.pinstripe.radar;

import java.time.ZoneId;
import java.util.List;

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
}
