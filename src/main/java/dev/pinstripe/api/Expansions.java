package dev.pinstripe.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Stripe's {@code expand[]}: replaces an ID in a response with the object it names, at any of the
 * paths a resource declares expandable, nested up to {@link #DEPTH_MAX} levels and inside lists
 * ({@code data.customer}). It works on rendered JSON, so every resource gets it by registering
 * its expandable fields and a loader for its ID prefix; nothing resource-specific lives here.
 *
 * <p>Two kinds of field: a <em>reference</em> holds an ID (or null) and is replaced by the loaded
 * object; an <em>includable</em> field (e.g. a customer's {@code tax_ids}) is absent unless
 * expanded, and is computed by the resource when asked for.
 */
public final class Expansions {
    public static final int DEPTH_MAX = 4;
    private static final Set<String> LIST_TYPES = Set.of("list", "search_result");

    /** Loads an object by ID within a scope, rendered as the API shows it. */
    @FunctionalInterface
    public interface Loader {
        Optional<ObjectNode> load(Handle handle, Scope scope, String id);
    }

    /** Computes an includable field of an already rendered object. */
    @FunctionalInterface
    public interface Includer {
        JsonNode include(Handle handle, Scope scope, ObjectNode object);
    }

    private record Field(Set<String> targetTypes, Includer includer) {}

    private final Map<String, Map<String, Field>> fieldsByType = new HashMap<>();
    private final Map<String, Loader> loadersByPrefix = new HashMap<>();

    /** {@code field} of {@code objectType} holds the ID of an object of one of {@code targetTypes}. */
    public Expansions reference(String objectType, String field, String... targetTypes) {
        fieldsByType.computeIfAbsent(objectType, t -> new HashMap<>()).put(field, new Field(Set.of(targetTypes), null));
        return this;
    }

    /** {@code field} of {@code objectType} is shown only when expanded; {@code includer} computes it. */
    public Expansions includable(String objectType, String field, String resultType, Includer includer) {
        fieldsByType.computeIfAbsent(objectType, t -> new HashMap<>())
                .put(field, new Field(resultType == null ? Set.of() : Set.of(resultType), includer));
        return this;
    }

    /** Objects whose IDs start with {@code prefix} (e.g. "cus_") are loaded by {@code loader}. */
    public Expansions loader(String prefix, Loader loader) {
        loadersByPrefix.put(prefix, loader);
        return this;
    }

    /** Checks expand paths against a response's type before anything executes. */
    public void validate(String rootType, String itemType, List<String> paths) {
        for (String path : paths) {
            String[] segments = path.split("\\.", -1);
            if (segments.length > DEPTH_MAX) {
                throw ApiErrors.expandTooDeep(path);
            }
            if (!validPath(rootType, itemType, segments, 0)) {
                if (LIST_TYPES.contains(rootType) && validPath(itemType, null, segments, 0)) {
                    throw ApiErrors.notExpandableOnList(path);
                }
                throw ApiErrors.notExpandable(path);
            }
        }
    }

    private boolean validPath(String type, String itemType, String[] segments, int from) {
        if (from >= segments.length) {
            return true;
        }
        if (LIST_TYPES.contains(type) && segments[from].equals("data")) {
            return from + 1 < segments.length && validPath(itemType, null, segments, from + 1);
        }
        Map<String, Field> fields = fieldsByType.getOrDefault(type, Map.of());
        // A field may itself be a dotted path inside the object, e.g. invoice_settings.default_payment_method.
        for (int end = segments.length; end > from; end--) {
            Field field = fields.get(String.join(".", List.of(segments).subList(from, end)));
            if (field == null) {
                continue;
            }
            if (end == segments.length) {
                return true;
            }
            for (String target : field.targetTypes()) {
                if (validPath(target, null, segments, end)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Applies validated expand paths to a rendered object or list, in place. */
    public void expand(Handle handle, Scope scope, ObjectNode root, List<String> paths) {
        for (String path : paths) {
            apply(handle, scope, root, path.split("\\.", -1), 0);
        }
    }

    private void apply(Handle handle, Scope scope, ObjectNode node, String[] segments, int from) {
        if (from >= segments.length) {
            return;
        }
        String type = node.path("object").asText();
        if (LIST_TYPES.contains(type) && segments[from].equals("data")) {
            if (node.get("data") instanceof ArrayNode data) {
                for (JsonNode item : data) {
                    if (item instanceof ObjectNode itemObject) {
                        apply(handle, scope, itemObject, segments, from + 1);
                    }
                }
            }
            return;
        }
        Map<String, Field> fields = fieldsByType.getOrDefault(type, Map.of());
        for (int end = segments.length; end > from; end--) {
            String fieldPath = String.join(".", List.of(segments).subList(from, end));
            Field field = fields.get(fieldPath);
            if (field == null) {
                continue;
            }
            String[] parts = fieldPath.split("\\.");
            ObjectNode parent = node;
            for (int i = 0; i < parts.length - 1 && parent != null; i++) {
                parent = parent.get(parts[i]) instanceof ObjectNode o ? o : null;
            }
            if (parent == null) {
                return;
            }
            String leaf = parts[parts.length - 1];
            JsonNode value;
            if (field.includer() != null) {
                value = parent.has(leaf) ? parent.get(leaf) : field.includer().include(handle, scope, node);
            } else {
                value = parent.get(leaf);
                if (value != null && value.isTextual()) {
                    value = load(handle, scope, value.asText()).map(JsonNode.class::cast).orElse(value);
                }
            }
            parent.set(leaf, value);
            if (value instanceof ObjectNode expanded) {
                apply(handle, scope, expanded, segments, end);
            }
            return;
        }
    }

    private Optional<ObjectNode> load(Handle handle, Scope scope, String id) {
        int underscore = id.indexOf('_');
        if (underscore < 0) {
            return Optional.empty();
        }
        Loader loader = loadersByPrefix.get(id.substring(0, underscore + 1));
        return loader == null ? Optional.empty() : loader.load(handle, scope, id);
    }
}
