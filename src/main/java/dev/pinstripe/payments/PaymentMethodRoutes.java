package dev.pinstripe.payments;

import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ApiRequest;
import dev.pinstripe.api.ApiResponse;
import dev.pinstripe.api.ApiRouter;
import dev.pinstripe.api.Expansions;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Lists;
import dev.pinstripe.api.Params;
import java.util.List;

/** {@code /v1/payment_methods} (type card) and a customer's payment methods. */
public final class PaymentMethodRoutes {
    static final List<String> TYPES = List.of("card");
    static final int ID_MAX = 255;

    private final PaymentMethodService service;

    public PaymentMethodRoutes(PaymentMethodService service) {
        this.service = service;
    }

    public void register(ApiRouter router, Expansions expansions) {
        expansions.reference("payment_method", "customer", "customer")
                .loader("pm_", (h, scope, id) -> service.store.find(h, scope, id, false).map(PaymentMethodJson::render));
        router.post("/v1/payment_methods", this::create);
        router.get("/v1/payment_methods", this::list);
        router.get("/v1/payment_methods/{pm}", this::retrieve);
        router.post("/v1/payment_methods/{pm}", this::update);
        router.post("/v1/payment_methods/{pm}/attach", this::attach);
        router.post("/v1/payment_methods/{pm}/detach", this::detach);
        router.get("/v1/customers/{customer}/payment_methods", this::listForCustomer);
        router.get("/v1/customers/{customer}/payment_methods/{pm}", this::retrieveForCustomer);
    }

    private ApiResponse create(ApiRequest req) {
        List<String> expand = req.expand("payment_method", null);
        PaymentMethodParams params = PaymentMethodParams.forCreate(req.params());
        return req.execute(h -> req.respond(h, PaymentMethodJson.render(service.create(h, req.scope(), params)), expand));
    }

    private ApiResponse retrieve(ApiRequest req) {
        List<String> expand = req.expand("payment_method", null);
        req.params().rejectUnknown();
        String id = req.pathParam("pm");
        return req.read(h -> req.respond(h, PaymentMethodJson.render(service.retrieve(h, req.scope(), id)), expand));
    }

    private ApiResponse update(ApiRequest req) {
        List<String> expand = req.expand("payment_method", null);
        PaymentMethodParams params = PaymentMethodParams.forUpdate(req.params());
        String id = req.pathParam("pm");
        return req.execute(h -> req.respond(h, PaymentMethodJson.render(service.update(h, req.scope(), id, params)),
                expand));
    }

    private ApiResponse attach(ApiRequest req) {
        List<String> expand = req.expand("payment_method", null);
        Params p = req.params();
        String customer = p.requiredString("customer", ID_MAX);
        p.rejectNotSupported("customer_account");
        p.rejectUnknown();
        String id = req.pathParam("pm");
        return req.execute(h -> req.respond(h, PaymentMethodJson.render(service.attach(h, req.scope(), id, customer)),
                expand));
    }

    private ApiResponse detach(ApiRequest req) {
        List<String> expand = req.expand("payment_method", null);
        req.params().rejectUnknown();
        String id = req.pathParam("pm");
        return req.execute(h -> req.respond(h, PaymentMethodJson.render(service.detach(h, req.scope(), id)), expand));
    }

    private ApiResponse list(ApiRequest req) {
        List<String> expand = req.expand("list", "payment_method");
        Params p = req.params();
        ListRequest page = ListRequest.parse(p);
        String customer = p.string("customer", ID_MAX).orNull();
        p.enumValue("type", TYPES);
        p.rejectNotSupported("customer_account");
        p.rejectUnknown();
        return req.read(h -> req.respond(h, Lists.render(service.list(h, req.scope(), page, customer),
                "/v1/payment_methods", PaymentMethodJson::render), expand));
    }

    private ApiResponse listForCustomer(ApiRequest req) {
        List<String> expand = req.expand("list", "payment_method");
        Params p = req.params();
        ListRequest page = ListRequest.parse(p);
        p.enumValue("type", TYPES);
        p.enumValue("allow_redisplay", PaymentMethodParams.ALLOW_REDISPLAY);
        p.rejectUnknown();
        String customer = req.pathParam("customer");
        return req.read(h -> req.respond(h, Lists.render(service.list(h, req.scope(), page, customer),
                "/v1/customers/" + customer + "/payment_methods", PaymentMethodJson::render), expand));
    }

    private ApiResponse retrieveForCustomer(ApiRequest req) {
        List<String> expand = req.expand("payment_method", null);
        req.params().rejectUnknown();
        String customer = req.pathParam("customer");
        String id = req.pathParam("pm");
        return req.read(h -> {
            PaymentMethod pm = service.retrieve(h, req.scope(), id);
            if (!customer.equals(pm.customerId())) {
                throw ApiErrors.resourceMissing("payment_method", id, "payment_method");
            }
            return req.respond(h, PaymentMethodJson.render(pm), expand);
        });
    }
}
