package dev.pinstripe.radar.reviews;

import dev.pinstripe.api.ApiRequest;
import dev.pinstripe.api.ApiResponse;
import dev.pinstripe.api.ApiRouter;
import dev.pinstripe.api.Expansions;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Lists;
import dev.pinstripe.api.Params;
import java.util.List;

/** {@code /v1/reviews}: list (open reviews only), retrieve, approve. */
public final class ReviewRoutes {
    private final ReviewService service;

    public ReviewRoutes(ReviewService service) {
        this.service = service;
    }

    public void register(ApiRouter router, Expansions expansions) {
        expansions.reference("review", "charge", "charge")
                .reference("review", "payment_intent", "payment_intent")
                // Charges and PaymentIntents show their review's ID; expand[]=review loads it.
                .reference("charge", "review", "review")
                .reference("payment_intent", "review", "review")
                .loader("prv_", (h, scope, id) -> service.store.find(h, scope, id, false).map(ReviewJson::render));
        router.get("/v1/reviews", this::list);
        router.get("/v1/reviews/{review}", this::retrieve);
        router.post("/v1/reviews/{review}/approve", this::approve);
    }

    private ApiResponse retrieve(ApiRequest req) {
        List<String> expand = req.expand("review", null);
        req.params().rejectUnknown();
        String id = req.pathParam("review");
        return req.read(h -> req.respond(h, ReviewJson.render(service.retrieve(h, req.scope(), id)), expand));
    }

    private ApiResponse approve(ApiRequest req) {
        List<String> expand = req.expand("review", null);
        req.params().rejectUnknown();
        String id = req.pathParam("review");
        return req.execute(h -> req.respond(h, ReviewJson.render(service.approve(h, req.scope(), id)), expand));
    }

    private ApiResponse list(ApiRequest req) {
        List<String> expand = req.expand("list", "review");
        Params p = req.params();
        ListRequest page = ListRequest.parse(p);
        p.rejectUnknown();
        return req.read(h -> req.respond(h, Lists.render(service.list(h, req.scope(), page), "/v1/reviews",
                ReviewJson::render), expand));
    }
}
