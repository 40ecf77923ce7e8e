package dev.pinstripe.radar.lists;

import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Metadata;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Patch;
import dev.pinstripe.api.Scope;
import dev.pinstripe.ids.Ids;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Value list and value list item use cases; each runs inside the caller's transaction. Locks are
 * taken list first, then items, so concurrent item writes and a list's deletion serialise on the
 * list's row and never leave a live item in a deleted list.
 */
public final class ValueListService {
    /**
     * What {@code created_by} shows. Stripe shows the Dashboard user's email, or "API" for objects
     * created with an API key, as every Pinstripe object is.
     */
    static final String CREATED_BY = "API";
    /** Items per list: bounds a list's deletion (one transaction) and keeps lists fit for a rules engine. */
    static final int ITEMS_PER_LIST_MAX = 100_000;
    /** Items shown in a list's {@code list_items}, as Stripe's default page. */
    static final int LIST_ITEMS_SHOWN = ListRequest.LIMIT_DEFAULT;
    private static final String UNIQUE_VIOLATION = "23505";

    private final Clock clock;
    final ValueListStore store = new ValueListStore();

    public ValueListService(Clock clock) {
        this.clock = clock;
    }

    record Changes(Patch<String> alias, Patch<String> name, Patch<Map<String, String>> metadata) {}

    /** A list and the first page of its items, as the API renders a value list. */
    record Shown(ValueList list, List<ValueListItem> firstItems) {}

    // --- lists -----------------------------------------------------------------------------------

    Shown create(Handle h, Scope scope, String alias, String name, ItemType itemType,
            Patch<Map<String, String>> metadata) {
        ValueList l = new ValueList(Ids.object("rsl_"), scope.livemode(), clock.instant().getEpochSecond(), alias,
                name, itemType, CREATED_BY, Metadata.apply(Map.of(), metadata), 0);
        if (!store.insert(h, scope, l)) {
            throw aliasTaken(alias);
        }
        return new Shown(l, List.of());
    }

    Shown retrieve(Handle h, Scope scope, String id) {
        return shown(h, scope, store.find(h, scope, id, false).orElseThrow(() -> listMissing(id, "id")));
    }

    Shown update(Handle h, Scope scope, String id, Changes c) {
        ValueList l = locked(h, scope, id, "id");
        ValueList updated = new ValueList(l.id(), l.livemode(), l.created(), c.alias().orDefault(l.alias()),
                c.name().orDefault(l.name()), l.itemType(), l.createdBy(), Metadata.apply(l.metadata(), c.metadata()),
                l.itemCount());
        try {
            store.update(h, scope, updated);
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof java.sql.SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                throw aliasTaken(updated.alias());
            }
            throw e;
        }
        return shown(h, scope, updated);
    }

    /** Deletes a list and every item in it. */
    ValueList delete(Handle h, Scope scope, String id) {
        ValueList l = locked(h, scope, id, "id");
        store.markDeleted(h, scope, id, clock.instant().getEpochSecond());
        return l;
    }

    Page<Shown> list(Handle h, Scope scope, ListRequest request, String alias, String contains) {
        Page<ValueList> page = store.list(h, scope, request, alias, contains);
        Map<String, List<ValueListItem>> items = store.firstItems(h, scope,
                page.items().stream().filter(l -> l.itemCount() > 0).map(ValueList::id).toList(), LIST_ITEMS_SHOWN);
        return new Page<>(page.items().stream()
                .map(l -> new Shown(l, items.getOrDefault(l.id(), List.of())))
                .toList(), page.hasMore());
    }

    // --- items -----------------------------------------------------------------------------------

    ValueListItem createItem(Handle h, Scope scope, String valueListId, String value) {
        ValueList l = locked(h, scope, valueListId, "value_list");
        ItemType.Result key = l.itemType().matchKey(value);
        if (key.problem() != null) {
            throw ApiErrors.invalidValue("value", key.problem());
        }
        if (l.itemCount() >= ITEMS_PER_LIST_MAX) {
            throw ApiErrors.invalidValue("value_list", "The value list " + l.id() + " already has the maximum of "
                    + ITEMS_PER_LIST_MAX + " items. Delete some, or use another list.");
        }
        ValueListItem item = new ValueListItem(Ids.object("rsli_"), scope.livemode(),
                clock.instant().getEpochSecond(), CREATED_BY, value, l.id());
        if (!store.insertItem(h, scope, item, key.key())) {
            throw ApiErrors.resourceAlreadyExists("value", "The value '" + value + "' is already in the value list "
                    + l.id() + " (" + l.itemType().wire + " values match " + matchingRule(l.itemType()) + ").");
        }
        store.addToItemCount(h, scope, l.id(), 1);
        return item;
    }

    ValueListItem retrieveItem(Handle h, Scope scope, String id) {
        return store.findItem(h, scope, id).orElseThrow(() -> itemMissing(id));
    }

    ValueListItem deleteItem(Handle h, Scope scope, String id) {
        ValueListItem item = retrieveItem(h, scope, id);
        // The list's lock first (the order every writer takes), then the item.
        locked(h, scope, item.valueList(), "value_list");
        if (!store.markItemDeleted(h, scope, id, clock.instant().getEpochSecond())) {
            throw itemMissing(id);
        }
        store.addToItemCount(h, scope, item.valueList(), -1);
        return item;
    }

    Page<ValueListItem> listItems(Handle h, Scope scope, ListRequest request, String valueListId, String valueLike) {
        if (store.find(h, scope, valueListId, false).isEmpty()) {
            throw listMissing(valueListId, "value_list");
        }
        return store.listItems(h, scope, request, valueListId, valueLike);
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** A list with the first page of its items. */
    Shown shown(Handle h, Scope scope, ValueList l) {
        List<ValueListItem> items = l.itemCount() == 0 ? List.of()
                : store.firstItems(h, scope, List.of(l.id()), LIST_ITEMS_SHOWN).getOrDefault(l.id(), List.of());
        return new Shown(l, items);
    }

    private ValueList locked(Handle h, Scope scope, String id, String param) {
        return store.find(h, scope, id, true).orElseThrow(() -> listMissing(id, param));
    }

    private static dev.pinstripe.api.ApiException listMissing(String id, String param) {
        return ApiErrors.resourceMissing("radar.value_list", id, param);
    }

    private static dev.pinstripe.api.ApiException itemMissing(String id) {
        return ApiErrors.resourceMissing("radar.value_list_item", id, "id");
    }

    private static dev.pinstripe.api.ApiException aliasTaken(String alias) {
        return ApiErrors.resourceAlreadyExists("alias", "A value list with the alias '" + alias + "' already exists"
                + " in this account. Aliases name lists in rules, so each must be unique; choose another alias.");
    }

    private static String matchingRule(ItemType type) {
        return switch (type.normalization) {
            case EXACT -> "exactly";
            case LOWER -> "ignoring case";
            case UPPER -> "ignoring case";
            case IP -> "as IP addresses, whatever their notation";
            case BIN_PREFIX -> "by their digits";
        };
    }
}
