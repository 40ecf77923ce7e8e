package dev.pinstripe.api;

import java.util.List;

/** One page of a list, newest first, and whether more follow in the direction asked for. */
public record Page<T>(List<T> items, boolean hasMore) {}
