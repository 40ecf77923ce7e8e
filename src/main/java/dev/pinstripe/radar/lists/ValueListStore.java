package dev.pinstripe.radar.lists;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Scope;
import dev.pinstripe.store.Keyset;
import dev.pinstripe.store.StoredJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * SQL for value lists and their items (one aggregate: items live and die with their list). Every
 * statement filters on the scope's account and mode.
 */
final class ValueListStore {
    static final String LISTS = "radar_value_lists";
    static final String ITEMS = "radar_value_list_items";
    static final String LIST_COLUMNS = "id, livemode, created, alias, name, item_type, created_by, metadata::text,"
            + " item_count";
    static final String ITEM_COLUMNS = "id, livemode, created, created_by, value, value_list";
    /**
     * {@link ValueLists#contains}: the list by alias, then its items by match key, both through
     * unique indexes; the probe keys are chosen by the list's item type (see {@link #probeKeysFor}).
     */
    static final String CONTAINS_SQL = "SELECT EXISTS (SELECT 1 FROM radar_value_lists l"
            + " JOIN radar_value_list_items i ON i.value_list = l.id AND i.deleted_at IS NULL"
            + " WHERE l.account_id = :account AND l.livemode = :livemode AND l.alias = :alias"
            + " AND l.deleted_at IS NULL AND i.match_key = ANY(" + probeKeysFor("l") + "))";
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {};

    // --- lists -----------------------------------------------------------------------------------

    /** Inserts a list; false when a live list of the account and mode already has its alias. */
    boolean insert(Handle h, Scope scope, ValueList l) {
        return h.createUpdate("""
                        INSERT INTO radar_value_lists (id, account_id, livemode, created, alias, name, item_type,
                            created_by, metadata)
                        VALUES (:id, :account, :livemode, :created, :alias, :name, :itemType, :createdBy,
                            CAST(:metadata AS jsonb))
                        ON CONFLICT (account_id, livemode, alias) WHERE deleted_at IS NULL DO NOTHING""")
                .bind("id", l.id()).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .bind("created", l.created()).bind("alias", l.alias()).bind("name", l.name())
                .bind("itemType", l.itemType().wire).bind("createdBy", l.createdBy())
                .bind("metadata", StoredJson.write(l.metadata()))
                .execute() == 1;
    }

    /** A live list; {@code forUpdate} locks it for the rest of the transaction. */
    Optional<ValueList> find(Handle h, Scope scope, String id, boolean forUpdate) {
        return h.createQuery("SELECT " + LIST_COLUMNS + " FROM radar_value_lists WHERE id = :id"
                        + " AND account_id = :account AND livemode = :livemode AND deleted_at IS NULL"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("id", id).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .map(ValueListStore::mapList)
                .findOne();
    }

    /** Writes what an update may change; a taken alias fails with a unique violation. */
    void update(Handle h, Scope scope, ValueList l) {
        h.createUpdate("""
                        UPDATE radar_value_lists SET alias = :alias, name = :name, metadata = CAST(:metadata AS jsonb)
                        WHERE id = :id AND account_id = :account AND livemode = :livemode AND deleted_at IS NULL""")
                .bind("id", l.id()).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .bind("alias", l.alias()).bind("name", l.name()).bind("metadata", StoredJson.write(l.metadata()))
                .execute();
    }

    /** Marks a (locked) list and all its live items deleted. */
    void markDeleted(Handle h, Scope scope, String id, long now) {
        h.createUpdate("UPDATE radar_value_list_items SET deleted_at = :now WHERE value_list = :id"
                        + " AND account_id = :account AND livemode = :livemode AND deleted_at IS NULL")
                .bind("now", now).bind("id", id).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .execute();
        h.createUpdate("UPDATE radar_value_lists SET deleted_at = :now, item_count = 0 WHERE id = :id"
                        + " AND account_id = :account AND livemode = :livemode AND deleted_at IS NULL")
                .bind("now", now).bind("id", id).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .execute();
    }

    /** Adds {@code delta} to a (locked) list's item count. */
    void addToItemCount(Handle h, Scope scope, String id, int delta) {
        h.createUpdate("UPDATE radar_value_lists SET item_count = item_count + :delta"
                        + " WHERE id = :id AND account_id = :account AND livemode = :livemode")
                .bind("delta", delta).bind("id", id).bind("account", scope.accountId())
                .bind("livemode", scope.livemode())
                .execute();
    }

    /**
     * Live lists, newest first, optionally only the one with {@code alias} and only those that
     * contain {@code contains} (matched as {@link ValueLists#contains} matches).
     */
    Page<ValueList> list(Handle h, Scope scope, ListRequest request, String alias, String contains) {
        StringBuilder where = new StringBuilder("deleted_at IS NULL");
        Map<String, Object> binds = new LinkedHashMap<>();
        if (alias != null) {
            where.append(" AND alias = :alias");
            binds.put("alias", alias);
        }
        if (contains != null) {
            where.append(" AND EXISTS (SELECT 1 FROM radar_value_list_items i WHERE i.value_list = radar_value_lists.id"
                    + " AND i.deleted_at IS NULL AND i.match_key = ANY(" + probeKeysFor("radar_value_lists") + "))");
            binds.putAll(probeBinds(contains));
        }
        return Keyset.page(h, scope, request, LISTS, LIST_COLUMNS, where.toString(), binds, ValueListStore::mapList,
                "radar.value_list");
    }

    // --- items -----------------------------------------------------------------------------------

    /** Inserts an item into a (locked) list; false when a live item of the list has the same match key. */
    boolean insertItem(Handle h, Scope scope, ValueListItem item, String matchKey) {
        return h.createUpdate("""
                        INSERT INTO radar_value_list_items (id, account_id, livemode, value_list, created, created_by,
                            value, match_key)
                        VALUES (:id, :account, :livemode, :valueList, :created, :createdBy, :value, :matchKey)
                        ON CONFLICT (value_list, match_key) WHERE deleted_at IS NULL DO NOTHING""")
                .bind("id", item.id()).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .bind("valueList", item.valueList()).bind("created", item.created())
                .bind("createdBy", item.createdBy()).bind("value", item.value()).bind("matchKey", matchKey)
                .execute() == 1;
    }

    /** A live item. */
    Optional<ValueListItem> findItem(Handle h, Scope scope, String id) {
        return h.createQuery("SELECT " + ITEM_COLUMNS + " FROM radar_value_list_items WHERE id = :id"
                        + " AND account_id = :account AND livemode = :livemode AND deleted_at IS NULL")
                .bind("id", id).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .map(ValueListStore::mapItem)
                .findOne();
    }

    /** Marks a live item deleted; false when it was not live (deleted meanwhile). */
    boolean markItemDeleted(Handle h, Scope scope, String id, long now) {
        return h.createUpdate("UPDATE radar_value_list_items SET deleted_at = :now WHERE id = :id"
                        + " AND account_id = :account AND livemode = :livemode AND deleted_at IS NULL")
                .bind("now", now).bind("id", id).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .execute() == 1;
    }

    /** A list's live items, newest first; {@code valueLike} keeps those whose value contains it, ignoring case. */
    Page<ValueListItem> listItems(Handle h, Scope scope, ListRequest request, String valueList, String valueLike) {
        StringBuilder where = new StringBuilder("value_list = :valueList AND deleted_at IS NULL");
        Map<String, Object> binds = new LinkedHashMap<>();
        binds.put("valueList", valueList);
        if (valueLike != null) {
            where.append(" AND value ILIKE :valueLike ESCAPE '\\'");
            binds.put("valueLike", "%" + valueLike.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return Keyset.page(h, scope, request, ITEMS, ITEM_COLUMNS, where.toString(), binds, ValueListStore::mapItem,
                "radar.value_list_item");
    }

    /**
     * The newest {@code limit} live items of each list, in one statement (one index probe per list).
     * Lists without items are absent from the map.
     */
    Map<String, List<ValueListItem>> firstItems(Handle h, Scope scope, Collection<String> listIds, int limit) {
        Map<String, List<ValueListItem>> byList = new LinkedHashMap<>();
        if (listIds.isEmpty()) {
            return byList;
        }
        h.createQuery("""
                        SELECT i.id, i.livemode, i.created, i.created_by, i.value, i.value_list
                        FROM unnest(CAST(:ids AS text[])) AS l(id)
                        CROSS JOIN LATERAL (
                            SELECT * FROM radar_value_list_items
                            WHERE value_list = l.id AND account_id = :account AND livemode = :livemode
                                AND deleted_at IS NULL
                            ORDER BY created DESC, seq DESC
                            LIMIT :limit) i
                        ORDER BY i.value_list, i.created DESC, i.seq DESC""")
                .bind("ids", listIds.toArray(String[]::new)).bind("account", scope.accountId())
                .bind("livemode", scope.livemode()).bind("limit", limit)
                .map(ValueListStore::mapItem)
                .forEach(item -> byList.computeIfAbsent(item.valueList(), k -> new ArrayList<>()).add(item));
        return byList;
    }

    // --- matching (the rules engine's lookups) ---------------------------------------------------

    /**
     * Whether the live list with {@code alias} has a live item matching {@code value}: one
     * statement, a probe of the alias index and then of the items' match-key index.
     */
    boolean contains(Handle h, Scope scope, String alias, String value) {
        return h.createQuery(CONTAINS_SQL)
                .bind("account", scope.accountId()).bind("livemode", scope.livemode()).bind("alias", alias)
                .bindMap(probeBinds(value))
                .mapTo(Boolean.class)
                .one();
    }

    /** Which of {@code aliases} name a live list of the account and mode. */
    Set<String> liveAliases(Handle h, Scope scope, Collection<String> aliases) {
        return new HashSet<>(h.createQuery("SELECT alias FROM radar_value_lists WHERE account_id = :account"
                        + " AND livemode = :livemode AND deleted_at IS NULL AND alias = ANY(CAST(:aliases AS text[]))")
                .bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .bind("aliases", aliases.toArray(String[]::new))
                .mapTo(String.class)
                .list());
    }

    /**
     * The probe keys for a list's item type, as SQL: a CASE over {@code <table>.item_type} choosing
     * the array bound by {@link #probeBinds} for that type's normalisation. Built from code only.
     */
    private static String probeKeysFor(String table) {
        StringBuilder sql = new StringBuilder("CASE ").append(table).append(".item_type");
        for (ItemType type : ItemType.values()) {
            sql.append(" WHEN '").append(type.wire).append("' THEN CAST(:probe_")
                    .append(type.normalization.name().toLowerCase(Locale.ROOT)).append(" AS text[])");
        }
        return sql.append(" END").toString();
    }

    /** One array of probe keys per normalisation, named as {@link #probeKeysFor} uses them. */
    static Map<String, Object> probeBinds(String value) {
        Map<String, Object> binds = new LinkedHashMap<>();
        for (ItemType.Normalization normalization : ItemType.Normalization.values()) {
            binds.put("probe_" + normalization.name().toLowerCase(Locale.ROOT), normalization.probeKeys(value));
        }
        return binds;
    }

    // --- mapping ---------------------------------------------------------------------------------

    static ValueList mapList(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ValueList(rs.getString(1), rs.getBoolean(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                ItemType.fromWire(rs.getString(6)), rs.getString(7), StoredJson.read(rs.getString(8), METADATA),
                rs.getInt(9));
    }

    static ValueListItem mapItem(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ValueListItem(rs.getString(1), rs.getBoolean(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6));
    }
}
