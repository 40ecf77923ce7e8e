package dev.pinstripe.payments;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.ApiRequest;
import dev.pinstripe.api.ApiResponse;
import dev.pinstripe.api.ApiRouter;
import dev.pinstripe.api.Expansions;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Scope;
import dev.pinstripe.api.SearchRequest;
import dev.pinstripe.search.FieldType;
import dev.pinstripe.search.SearchFields;
import dev.pinstripe.search.SqlColumns;
import dev.pinstripe.search.SqlFragment;
import dev.pinstripe.search.SqlTranslator;
import java.util.List;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * {@code GET /v1/payment_intents/search} and {@code GET /v1/charges/search}: Stripe's search query
 * language over the query fields Stripe lists for each (docs/search.md). Like customer search,
 * results are newest first, {@code next_page} is an opaque token holding the last result's
 * position and a digest of the resource and query it belongs to, and {@code total_count} is there
 * when expanded.
 *
 * <p>Register it before the routes with a path parameter in the same place
 * ({@code /v1/payment_intents/{intent}}, {@code /v1/charges/{charge}}): the HTTP layer tries
 * routes in the order they were added, so registered later, "search" would be taken for an ID.
 */
public final class PaymentSearch {

    /** Stripe's "Query fields for payment intents". */
    static final SearchFields PAYMENT_INTENT_FIELDS = SearchFields.builder("payment_intents")
            .number("amount").timestamp("created").token("currency").token("customer").token("status")
            .metadata().build();

    /** The sources Stripe lets {@code payment_method_details.{{SOURCE}}.*} name. */
    static final List<String> CHARGE_SOURCES = List.of("card", "card_present", "interac_present");
    /** The card fields Stripe lets a charge search name under each source. */
    static final List<String> CHARGE_CARD_FIELDS = List.of("last4", "exp_month", "exp_year", "brand", "fingerprint");

    /** Stripe's "Query fields for charges". */
    static final SearchFields CHARGE_FIELDS;
    private static final SqlColumns CHARGE_COLUMNS;

    static {
        SearchFields.Builder fields = SearchFields.builder("charges")
                .number("amount").token("billing_details.address.postal_code").timestamp("created")
                .token("currency").token("customer").bool("disputed").bool("refunded").token("status")
                .metadata();
        SqlColumns.Builder columns = SqlColumns.builder()
                .column("amount", "amount")
                .jsonText("billing_details.address.postal_code", "details", "billing_details", "address", "postal_code")
                .column("created", "created")
                .column("currency", "currency")
                .column("customer", "customer_id")
                .column("disputed", "disputed")
                // Stripe: refunded:"true" is fully refunded, "false" partly, and refunded:null not at all.
                // What was authorized and never captured counts as refunded, as the charge shows it.
                .column("refunded", "CASE WHEN amount_refunded + amount_released = 0 THEN NULL"
                        + " ELSE amount_refunded + amount_released = amount END")
                .column("status", "status")
                .metadata("metadata");
        for (String source : CHARGE_SOURCES) {
            for (String field : CHARGE_CARD_FIELDS) {
                String name = "payment_method_details." + source + "." + field;
                fields.token(name);
                // Every Pinstripe charge is an online card payment; its card fields are stored flat.
                if (source.equals("card")) {
                    columns.jsonText(name, "details", "payment_method_details", field);
                } else {
                    columns.absent(name, FieldType.TOKEN);
                }
            }
        }
        CHARGE_FIELDS = fields.build();
        CHARGE_COLUMNS = columns.build();
    }


    private static final Resource<PaymentIntent> PAYMENT_INTENTS = new Resource<>("payment_intent",
            "/v1/payment_intents/search", PAYMENT_INTENT_FIELDS, new SqlTranslator(PAYMENT_INTENT_FIELDS,
                    SqlColumns.builder().column("amount", "amount").column("created", "created")
                            .column("currency", "currency").column("customer", "customer_id")
                            .column("status", "status").metadata("metadata").build()),
            PaymentSearchStore.PAYMENT_INTENTS, PaymentJson::paymentIntent);
    private static final Resource<Charge> CHARGES = new Resource<>("charge", "/v1/charges/search", CHARGE_FIELDS,
            new SqlTranslator(CHARGE_FIELDS, CHARGE_COLUMNS), PaymentSearchStore.CHARGES, PaymentJson::charge);

    /** One searchable resource: its object type, search URL, fields, SQL and rendering. */
    private record Resource<T>(String objectType, String url, SearchFields fields, SqlTranslator sql,
            PaymentSearchStore.Table<T> table, Function<T, ObjectNode> render) {}

    private final PaymentSearchStore store = new PaymentSearchStore();

    /** Declares {@code total_count} and the two search routes. */
    public void register(ApiRouter router, Expansions expansions) {
        expansions.includable("search_result", "total_count", null, (h, scope, result) -> result.get("total_count"));
        router.get("/v1/payment_intents/search", this::searchPaymentIntents);
        router.get("/v1/charges/search", this::searchCharges);
    }

    public ApiResponse searchPaymentIntents(ApiRequest req) {
        return search(req, PAYMENT_INTENTS);
    }

    public ApiResponse searchCharges(ApiRequest req) {
        return search(req, CHARGES);
    }

    private <T> ApiResponse search(ApiRequest req, Resource<T> resource) {
        List<String> expand = req.expand("search_result", resource.objectType());
        SearchRequest request = SearchRequest.parse(req.params(), resource.fields());
        req.params().rejectUnknown();
        return req.read(h -> req.respond(h, run(h, req.scope(), resource, request), expand));
    }

    private <T> ObjectNode run(Handle h, Scope scope, Resource<T> resource, SearchRequest request) {
        SqlFragment where = resource.sql().translate(request.query());
        Page<PaymentSearchStore.Hit<T>> page = store.search(h, scope, resource.table(), where, request.limit(),
                request.after());
        ObjectNode result = Json.object();
        result.put("object", "search_result");
        ArrayNode data = result.putArray("data");
        page.items().forEach(hit -> data.add(resource.render().apply(hit.item())));
        result.put("has_more", page.hasMore());
        if (page.hasMore()) {
            PaymentSearchStore.Hit<T> last = page.items().getLast();
            result.put("next_page", request.nextPage(last.created(), last.seq()));
        } else {
            result.putNull("next_page");
        }
        if (request.totalCount()) {
            result.put("total_count",
                    store.count(h, scope, resource.table(), where, SearchRequest.TOTAL_COUNT_MAX));
        }
        result.put("url", resource.url());
        return result;
    }

}
