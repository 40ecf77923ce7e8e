package dev.pinstripe.radar;

import dev.pinstripe.radar.rules.Rule;

/** One of an account's rules, as stored: its ID, the rule as written and when it was added. */
public record RadarRule(String id, String source, long created, Rule parsed) {}
