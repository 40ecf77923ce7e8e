package dev.pinstripe.radar.lists;

/** One value of a value list, as sent ({@code value}); matching uses its normalised key (ItemType). */
record ValueListItem(String id, boolean livemode, long created, String createdBy, String value, String valueList) {}
