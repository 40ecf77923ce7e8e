package dev.pinstripe.radar.rules;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The attributes a rule may name, without their colons, and their types. The Radar feature code
 * owns the catalog; this package only checks rules against it.
 *
 * <p>Stripe documents each string attribute as case sensitive (fingerprints, for example) or case
 * insensitive ({@code risk_level}, countries, emails). {@code caseInsensitive} names the latter:
 * their comparisons ({@code =}, {@code !=}, {@code IN (...)}, {@code INCLUDES}, {@code LIKE}) ignore
 * case. Every other string attribute, and all metadata, compares case-sensitively.
 *
 * @param types every attribute name, e.g. {@code card_country}, and its type
 * @param caseInsensitive the {@link AttributeType#STRING} attributes that compare ignoring case
 */
public record AttributeCatalog(Map<String, AttributeType> types, Set<String> caseInsensitive) {

    public AttributeCatalog {
        types = Map.copyOf(types);
        caseInsensitive = Set.copyOf(caseInsensitive);
        for (String name : types.keySet()) {
            if (!isAttributeName(name)) {
                throw new IllegalArgumentException("An attribute name is letters, digits and underscores, so that it"
                        + " can be written as :name: in a rule, not '" + name + "'");
            }
        }
        for (String name : caseInsensitive) {
            if (types.get(name) != AttributeType.STRING) {
                throw new IllegalArgumentException("Only string attributes can ignore case, and " + name + " is "
                        + (types.containsKey(name) ? "a " + types.get(name) : "not in the catalog"));
            }
        }
    }

    /** A catalog whose string attributes all compare case-sensitively. */
    public AttributeCatalog(Map<String, AttributeType> types) {
        this(types, Set.of());
    }

    /** The type of attribute {@code name} (without colons), or empty if no rule may name it. */
    public Optional<AttributeType> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    /** Whether string comparisons of attribute {@code name} ignore case. */
    public boolean ignoresCase(String name) {
        return caseInsensitive.contains(name);
    }

    /** Whether {@code c} may appear in an attribute name: the lexer and this check must agree. */
    static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean isAttributeName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isNameChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
