package dev.pinstripe.customers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Scope;
import dev.pinstripe.api.SearchRequest;
import dev.pinstripe.search.SearchFields;
import dev.pinstripe.search.SqlColumns;
import dev.pinstripe.search.SqlFragment;
import dev.pinstripe.search.SqlTranslator;
import org.jdbi.v3.core.Handle;

/**
 * {@code GET /v1/customers/search}: Stripe's search query language over email, name, phone,
 * created and metadata (docs/search.md). Results are newest first; {@code next_page} is an opaque
 * token holding the last result's position and a digest of the query it belongs to.
 */
final class CustomerSearch {
    static final SearchFields FIELDS = SearchFields.builder("customers")
            .text("email").text("name").text("phone").timestamp("created").metadata().build();
    private static final SqlTranslator SQL = new SqlTranslator(FIELDS, SqlColumns.builder()
            .column("email", "email").column("name", "name").column("phone", "phone").column("created", "created")
            .metadata("metadata").build());

    private final CustomerStore store;

    CustomerSearch(CustomerStore store) {
        this.store = store;
    }

    ObjectNode run(Handle h, Scope scope, SearchRequest request) {
        SqlFragment where = SQL.translate(request.query());
        Page<Customer> page = store.search(h, scope, where.sql(), where.bindValues(), request.limit(),
                request.after());
        ObjectNode result = Json.object();
        result.put("object", "search_result");
        ArrayNode data = result.putArray("data");
        page.items().forEach(c -> data.add(CustomerJson.render(c)));
        result.put("has_more", page.hasMore());
        if (page.hasMore()) {
            long[] last = store.position(h, scope, page.items().getLast().id());
            result.put("next_page", request.nextPage(last[0], last[1]));
        } else {
            result.putNull("next_page");
        }
        if (request.totalCount()) {
            result.put("total_count",
                    store.count(h, scope, where.sql(), where.bindValues(), SearchRequest.TOTAL_COUNT_MAX));
        }
        result.put("url", "/v1/customers/search");
        return result;
    }

}
