package dev.pinstripe.radar.lists;

import dev.pinstripe.api.Scope;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The lookups a rules engine makes: is a value in the list a rule names ({@code @alias})? Both run
 * on the caller's handle (so inside its transaction) and see only the scope's account and mode.
 *
 * <p>Matching follows the list's item type (docs/radar.md): {@code string} and {@code email}
 * ignore case; {@code case_sensitive_string}, IDs and fingerprints compare exactly; {@code country}
 * ignores case; {@code ip_address} compares addresses, whatever their notation; a {@code card_bin}
 * item matches every BIN or card number that starts with it.
 */
public final class ValueLists {
    /** How many aliases one {@link #missingAliases} call may check (a rule names a handful). */
    public static final int ALIASES_MAX = 1000;

    private final ValueListStore store = new ValueListStore();

    /**
     * Whether the live list with {@code alias} holds an item matching {@code value}. False when no
     * such list exists (check rules with {@link #missingAliases} first), when {@code value} is null,
     * or when it cannot be a value of the list's type. One statement, two index probes.
     */
    public boolean contains(Handle h, Scope scope, String alias, String value) {
        if (alias == null || value == null || value.isEmpty()) {
            return false;
        }
        return store.contains(h, scope, alias, value);
    }

    /** The aliases, of those given, that name no live list of the scope (in the order given). */
    public Set<String> missingAliases(Handle h, Scope scope, Collection<String> aliases) {
        if (aliases.size() > ALIASES_MAX) {
            throw new IllegalArgumentException("at most " + ALIASES_MAX + " aliases per call, got " + aliases.size());
        }
        Set<String> missing = new LinkedHashSet<>(aliases);
        missing.remove(null);
        if (!missing.isEmpty()) {
            missing.removeAll(store.liveAliases(h, scope, missing));
        }
        return missing;
    }
}
