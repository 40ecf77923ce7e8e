package dev.pinstripe.radar.lists;

import java.util.Map;

/**
 * A Radar value list. Rules name it by {@code alias}; {@code itemType} never changes, because the
 * items' match keys depend on it. {@code itemCount} is the number of live items.
 */
record ValueList(String id, boolean livemode, long created, String alias, String name, ItemType itemType,
        String createdBy, Map<String, String> metadata, int itemCount) {}
