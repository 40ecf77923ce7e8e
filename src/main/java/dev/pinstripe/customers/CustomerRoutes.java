package dev.pinstripe.customers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.ApiRequest;
import dev.pinstripe.api.ApiResponse;
import dev.pinstripe.api.ApiRouter;
import dev.pinstripe.api.Expansions;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Lists;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Params;
import dev.pinstripe.api.SearchRequest;
import java.util.List;

/** {@code /v1/customers}: create, retrieve, update, delete, list and search. */
public final class CustomerRoutes {
    private final CustomerService service;
    private final CustomerSearch search;

    public CustomerRoutes(CustomerService service) {
        this.service = service;
        this.search = new CustomerSearch(service.store);
    }

    public void register(ApiRouter router, Expansions expansions) {
        expansions
                .reference("customer", "default_source", "card", "bank_account", "source")
                .reference("customer", "invoice_settings.default_payment_method", "payment_method")
                .reference("customer", "test_clock", "test_helpers.test_clock")
                .includable("customer", "sources", "list",
                        (h, scope, c) -> CustomerJson.emptyList("/v1/customers/" + c.path("id").asText() + "/sources"))
                .includable("customer", "subscriptions", "list",
                        (h, scope, c) -> CustomerJson.emptyList("/v1/customers/" + c.path("id").asText() + "/subscriptions"))
                .includable("customer", "tax_ids", "list",
                        (h, scope, c) -> CustomerJson.emptyList("/v1/customers/" + c.path("id").asText() + "/tax_ids"))
                .includable("customer", "cash_balance", "cash_balance", (h, scope, c) -> cashBalance(c))
                .includable("customer", "invoice_credit_balance", null, (h, scope, c) -> Json.object())
                .includable("customer", "tax", null, (h, scope, c) -> tax())
                .includable("search_result", "total_count", null, (h, scope, result) -> result.get("total_count"))
                .loader("cus_", (h, scope, id) -> service.store.find(h, scope, id, false).map(CustomerJson::render));

        router.post("/v1/customers", this::create);
        router.get("/v1/customers", this::list);
        router.get("/v1/customers/search", this::search);
        router.get("/v1/customers/{customer}", this::retrieve);
        router.post("/v1/customers/{customer}", this::update);
        router.delete("/v1/customers/{customer}", this::delete);
    }

    private ApiResponse create(ApiRequest req) {
        List<String> expand = req.expand("customer", null);
        CustomerParams params = CustomerParams.forCreate(req.params());
        return req.execute(h -> req.respond(h, CustomerJson.render(service.create(h, req.scope(), params)), expand));
    }

    private ApiResponse retrieve(ApiRequest req) {
        List<String> expand = req.expand("customer", null);
        req.params().rejectUnknown();
        String id = req.pathParam("customer");
        return req.read(h -> {
            Customer c = service.retrieve(h, req.scope(), id);
            return req.respond(h, CustomerJson.render(c), c.deleted() ? List.of() : expand);
        });
    }

    private ApiResponse update(ApiRequest req) {
        List<String> expand = req.expand("customer", null);
        CustomerParams params = CustomerParams.forUpdate(req.params());
        String id = req.pathParam("customer");
        return req.execute(h -> req.respond(h, CustomerJson.render(service.update(h, req.scope(), id, params)), expand));
    }

    private ApiResponse delete(ApiRequest req) {
        req.params().rejectUnknown();
        String id = req.pathParam("customer");
        return req.execute(h -> req.respond(h, CustomerJson.deleted(service.delete(h, req.scope(), id).id()), List.of()));
    }

    private ApiResponse list(ApiRequest req) {
        List<String> expand = req.expand("list", "customer");
        Params p = req.params();
        ListRequest page = ListRequest.parse(p);
        String email = p.string("email", 512).orNull();
        p.rejectNotSupported("test_clock");
        p.rejectUnknown();
        return req.read(h -> {
            Page<Customer> customers = service.list(h, req.scope(), page, email);
            return req.respond(h, Lists.render(customers, "/v1/customers", CustomerJson::render), expand);
        });
    }

    private ApiResponse search(ApiRequest req) {
        List<String> expand = req.expand("search_result", "customer");
        SearchRequest request = SearchRequest.parse(req.params(), CustomerSearch.FIELDS);
        req.params().rejectUnknown();
        return req.read(h -> req.respond(h, search.run(h, req.scope(), request), expand));
    }

    private static ObjectNode cashBalance(ObjectNode customer) {
        ObjectNode o = Json.object();
        o.put("object", "cash_balance");
        o.putNull("available");
        o.put("customer", customer.path("id").asText());
        o.put("livemode", customer.path("livemode").asBoolean());
        o.putObject("settings").put("reconciliation_mode", "automatic").put("using_merchant_default", true);
        return o;
    }

    private static ObjectNode tax() {
        ObjectNode o = Json.object();
        o.put("automatic_tax", "unrecognized_location");
        o.putNull("ip_address");
        o.putNull("location");
        o.put("provider", "stripe");
        return o;
    }
}
