package dev.pinstripe.radar.reviews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Review;
import com.stripe.model.StripeCollection;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.ReviewListParams;
import com.stripe.param.ReviewRetrieveParams;
import dev.pinstripe.accounts.AccountService;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.Scope;
import dev.pinstripe.events.EventLog;
import dev.pinstripe.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/reviews} driven by stripe-java; reviews are opened through the service, as payments will. */
class ReviewsApiTest {
    static TestServer server;
    static Jdbi jdbi;
    static ReviewService reviews;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        jdbi = server.pinstripe().database().jdbi();
        reviews = new ReviewService(server.clock, new EventLog(server.clock));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** An account of its own for each test, with its key, client and scope. */
    private record Account(String key, StripeClient stripe, Scope scope) {}

    private static Account freshAccount() {
        AccountService.NewAccount a = server.newAccount();
        return new Account(a.secretKey(), server.stripe(a.secretKey()), new Scope(a.accountId(), false));
    }

    private static PaymentIntent pay(Account a) throws StripeException {
        return a.stripe().v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(2000L).setCurrency("usd").setPaymentMethod("pm_card_visa").setConfirm(true).build());
    }

    private static dev.pinstripe.radar.reviews.Review open(Account a, String chargeId) {
        return jdbi.inTransaction(h -> reviews.open(h, a.scope(),
                new ReviewOpening(chargeId, null, "rule", "94107", "203.0.113.10")));
    }

    private static Optional<String> openReviewId(Scope scope, String chargeId) {
        return jdbi.withHandle(h -> reviews.openReviewId(h, scope, chargeId));
    }

    private static Optional<String> latestReviewId(Scope scope, String chargeId) {
        return jdbi.withHandle(h -> reviews.reviewIdForCharge(h, scope, chargeId));
    }

    private static JsonNode getJson(Account a, String path) {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + a.key()).GET());
        return Json.parse(r.body());
    }

    private static HttpResponse<String> postRaw(Account a, String path, String idempotencyKey) {
        return server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + a.key())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString("")));
    }

    /** The data.object of each event of {@code type}, oldest first. */
    private static List<JsonNode> eventObjects(Account a, String type) {
        List<JsonNode> objects = new ArrayList<>();
        getJson(a, "/v1/events?limit=100&type=" + type).path("data")
                .forEach(e -> objects.addFirst(e.path("data").path("object")));
        return objects;
    }

    private static void assertMissing(ThrowingCall call, String param) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(404);
            assertThat(e.getCode()).isEqualTo("resource_missing");
            assertThat(e.getParam()).isEqualTo(param);
        });
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void anOpenedReviewHasStripesShapeAndFields() throws StripeException {
        Account a = freshAccount();
        PaymentIntent pi = pay(a);
        var opened = open(a, pi.getLatestCharge());

        Review r = a.stripe().v1().reviews().retrieve(opened.id());
        assertThat(r.getId()).startsWith("prv_").isEqualTo(opened.id());
        assertThat(r.getObject()).isEqualTo("review");
        assertThat(r.getOpen()).isTrue();
        assertThat(r.getOpenedReason()).isEqualTo("rule");
        assertThat(r.getReason()).isEqualTo("rule");
        assertThat(r.getClosedReason()).isNull();
        assertThat(r.getCharge()).isEqualTo(pi.getLatestCharge());
        assertThat(r.getPaymentIntent()).isEqualTo(pi.getId());
        assertThat(r.getBillingZip()).isEqualTo("94107");
        assertThat(r.getIpAddress()).isEqualTo("203.0.113.10");
        assertThat(r.getCreated()).isEqualTo(server.clock.instant().getEpochSecond());
        assertThat(r.getLivemode()).isFalse();

        JsonNode raw = getJson(a, "/v1/reviews/" + opened.id());
        List<String> fields = new ArrayList<>();
        raw.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "object", "billing_zip", "charge", "closed_reason", "created",
                "ip_address", "ip_address_location", "livemode", "open", "opened_reason", "payment_intent", "reason",
                "session");
        assertThat(raw.path("ip_address_location").isNull()).isTrue();
        assertThat(raw.path("session").isNull()).isTrue();
    }

    @Test
    void approvingClosesTheReviewAndTakesItOffTheList() throws StripeException {
        Account a = freshAccount();
        var first = open(a, pay(a).getLatestCharge());
        server.clock.advance(Duration.ofSeconds(1));
        var second = open(a, pay(a).getLatestCharge());
        assertThat(a.stripe().v1().reviews().list().getData()).extracting(Review::getId)
                .containsExactly(second.id(), first.id());

        Review approved = a.stripe().v1().reviews().approve(first.id());
        assertThat(approved.getOpen()).isFalse();
        assertThat(approved.getClosedReason()).isEqualTo("approved");
        assertThat(approved.getReason()).isEqualTo("approved");
        assertThat(approved.getOpenedReason()).isEqualTo("rule");

        assertThat(a.stripe().v1().reviews().list().getData()).extracting(Review::getId)
                .containsExactly(second.id());
        assertThat(a.stripe().v1().reviews().retrieve(first.id()).getOpen()).isFalse();
    }

    @Test
    void approvingAClosedReviewIsAnErrorAndRecordsNothing() throws StripeException {
        Account a = freshAccount();
        var r = open(a, pay(a).getLatestCharge());
        a.stripe().v1().reviews().approve(r.id());

        assertThatThrownBy(() -> a.stripe().v1().reviews().approve(r.id()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getStripeError().getType()).isEqualTo("invalid_request_error");
                    assertThat(e.getMessage()).contains(r.id()).contains("already closed");
                });
        assertThat(eventObjects(a, "review.closed")).hasSize(1);
    }

    @Test
    void anApproveRetriedWithItsIdempotencyKeyIsReplayedNotRejected() {
        Account a = freshAccount();
        var r = jdbi.inTransaction(h -> reviews.open(h, a.scope(), new ReviewOpening(
                payUnchecked(a).getLatestCharge(), null, "manual", null, null)));
        HttpResponse<String> first = postRaw(a, "/v1/reviews/" + r.id() + "/approve", "approve-1");
        HttpResponse<String> again = postRaw(a, "/v1/reviews/" + r.id() + "/approve", "approve-1");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(postRaw(a, "/v1/reviews/" + r.id() + "/approve", "approve-2").statusCode()).isEqualTo(400);
    }

    private static PaymentIntent payUnchecked(Account a) {
        try {
            return pay(a);
        } catch (StripeException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void closeForChargeClosesTheChargesOpenReviewAndOtherwiseDoesNothing() throws StripeException {
        Account a = freshAccount();
        String charge = pay(a).getLatestCharge();
        String untouched = pay(a).getLatestCharge();
        var r = open(a, charge);
        assertThat(openReviewId(a.scope(), charge)).contains(r.id());

        jdbi.useTransaction(h -> reviews.closeForCharge(h, a.scope(), charge, "refunded"));
        Review closed = a.stripe().v1().reviews().retrieve(r.id());
        assertThat(closed.getOpen()).isFalse();
        assertThat(closed.getClosedReason()).isEqualTo("refunded");
        assertThat(closed.getReason()).isEqualTo("refunded");
        assertThat(openReviewId(a.scope(), charge)).isEmpty();
        assertThat(latestReviewId(a.scope(), charge)).contains(r.id());

        // Nothing open any more, and a charge that never had a review: no change, no event.
        jdbi.useTransaction(h -> reviews.closeForCharge(h, a.scope(), charge, "disputed"));
        jdbi.useTransaction(h -> reviews.closeForCharge(h, a.scope(), untouched, "disputed"));
        assertThat(a.stripe().v1().reviews().retrieve(r.id()).getClosedReason()).isEqualTo("refunded");
        assertThat(eventObjects(a, "review.closed")).hasSize(1);
        assertThat(latestReviewId(a.scope(), untouched)).isEmpty();
        assertThatThrownBy(() -> a.stripe().v1().reviews().approve(r.id()))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aChargeHasAtMostOneOpenReviewAndShowsItsLatest() throws StripeException {
        Account a = freshAccount();
        String charge = pay(a).getLatestCharge();
        var first = open(a, charge);
        var same = open(a, charge);
        assertThat(same.id()).isEqualTo(first.id());
        assertThat(eventObjects(a, "review.opened")).hasSize(1);

        a.stripe().v1().reviews().approve(first.id());
        server.clock.advance(Duration.ofSeconds(1));
        var reopened = jdbi.inTransaction(h -> reviews.open(h, a.scope(),
                new ReviewOpening(charge, null, "manual", null, null)));
        assertThat(reopened.id()).isNotEqualTo(first.id());
        assertThat(reopened.openedReason()).isEqualTo("manual");
        assertThat(latestReviewId(a.scope(), charge)).contains(reopened.id());
        assertThat(openReviewId(a.scope(), charge)).contains(reopened.id());
        assertThat(eventObjects(a, "review.opened")).hasSize(2);
    }

    @Test
    void openingAndClosingRecordEventsWithTheReviewAsItWas() throws StripeException {
        Account a = freshAccount();
        PaymentIntent pi = pay(a);
        var r = open(a, pi.getLatestCharge());
        a.stripe().v1().reviews().approve(r.id());

        List<JsonNode> opened = eventObjects(a, "review.opened");
        assertThat(opened).singleElement().satisfies(o -> {
            assertThat(o.path("id").asText()).isEqualTo(r.id());
            assertThat(o.path("object").asText()).isEqualTo("review");
            assertThat(o.path("open").asBoolean()).isTrue();
            assertThat(o.path("reason").asText()).isEqualTo("rule");
            assertThat(o.path("charge").asText()).isEqualTo(pi.getLatestCharge());
        });
        List<JsonNode> closed = eventObjects(a, "review.closed");
        assertThat(closed).singleElement().satisfies(o -> {
            assertThat(o.path("id").asText()).isEqualTo(r.id());
            assertThat(o.path("open").asBoolean()).isFalse();
            assertThat(o.path("closed_reason").asText()).isEqualTo("approved");
            assertThat(o.path("reason").asText()).isEqualTo("approved");
        });
        // The closing event comes after the opening one in Pinstripe's per-object order.
        JsonNode events = getJson(a, "/v1/events?type=review.*");
        assertThat(events.path("data").get(0).path("type").asText()).isEqualTo("review.closed");
        assertThat(events.path("data").get(0).path("pinstripe_sequence").asLong())
                .isGreaterThan(events.path("data").get(1).path("pinstripe_sequence").asLong());
    }

    @Test
    void expandLoadsTheChargeAndThePaymentIntent() throws StripeException {
        Account a = freshAccount();
        PaymentIntent pi = pay(a);
        var r = open(a, pi.getLatestCharge());

        Review expanded = a.stripe().v1().reviews().retrieve(r.id(), ReviewRetrieveParams.builder()
                .addExpand("charge").addExpand("payment_intent").build());
        assertThat(expanded.getChargeObject().getId()).isEqualTo(pi.getLatestCharge());
        assertThat(expanded.getChargeObject().getAmount()).isEqualTo(2000L);
        assertThat(expanded.getPaymentIntentObject().getId()).isEqualTo(pi.getId());
        assertThat(expanded.getPaymentIntentObject().getStatus()).isEqualTo("succeeded");

        StripeCollection<Review> list = a.stripe().v1().reviews().list(ReviewListParams.builder()
                .addExpand("data.charge").build());
        assertThat(list.getData()).singleElement()
                .satisfies(x -> assertThat(x.getChargeObject().getId()).isEqualTo(pi.getLatestCharge()));

        // Charges and PaymentIntents name their review; expanding it is accepted.
        assertThat(getJson(a, "/v1/charges/" + pi.getLatestCharge() + "?expand%5B%5D=review").has("error")).isFalse();
        assertThat(getJson(a, "/v1/payment_intents/" + pi.getId() + "?expand%5B%5D=review").has("error")).isFalse();
        assertThat(getJson(a, "/v1/reviews/" + r.id() + "?expand%5B%5D=session").path("error").path("message").asText())
                .contains("cannot be expanded");
    }

    @Test
    void anotherAccountSeesNoneOfTheReviews() throws StripeException {
        Account a = freshAccount();
        Account b = freshAccount();
        String charge = pay(a).getLatestCharge();
        var r = open(a, charge);

        assertMissing(() -> b.stripe().v1().reviews().retrieve(r.id()), "review");
        assertMissing(() -> b.stripe().v1().reviews().approve(r.id()), "review");
        assertThat(b.stripe().v1().reviews().list().getData()).isEmpty();
        assertThat(a.stripe().v1().reviews().retrieve(r.id()).getOpen()).isTrue();

        // The service is confined too: b's scope and a's live mode see nothing of a's test charge.
        assertThat(openReviewId(b.scope(), charge)).isEmpty();
        Scope live = new Scope(a.scope().accountId(), true);
        assertThat(latestReviewId(live, charge)).isEmpty();
        jdbi.useTransaction(h -> reviews.closeForCharge(h, b.scope(), charge, "refunded"));
        assertThat(a.stripe().v1().reviews().retrieve(r.id()).getOpen()).isTrue();
        assertThatThrownBy(() -> jdbi.useTransaction(h -> reviews.open(h, b.scope(),
                new ReviewOpening(charge, null, "rule", null, null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(charge);
    }

    @Test
    void listsPageNewestFirstAndFilterByCreated() throws StripeException {
        Account a = freshAccount();
        List<String> ids = new ArrayList<>();
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var r = open(a, pay(a).getLatestCharge());
            ids.addFirst(r.id());
            created.addFirst(r.created());
            server.clock.advance(Duration.ofSeconds(10));
        }
        StripeCollection<Review> page1 = a.stripe().v1().reviews().list(ReviewListParams.builder().setLimit(2L).build());
        assertThat(page1.getData()).extracting(Review::getId).containsExactly(ids.get(0), ids.get(1));
        assertThat(page1.getHasMore()).isTrue();
        StripeCollection<Review> page2 = a.stripe().v1().reviews().list(ReviewListParams.builder().setLimit(2L)
                .setStartingAfter(ids.get(1)).build());
        assertThat(page2.getData()).extracting(Review::getId).containsExactly(ids.get(2), ids.get(3));
        StripeCollection<Review> before = a.stripe().v1().reviews().list(ReviewListParams.builder().setLimit(2L)
                .setEndingBefore(ids.get(2)).build());
        assertThat(before.getData()).extracting(Review::getId).containsExactly(ids.get(0), ids.get(1));

        List<String> all = new ArrayList<>();
        a.stripe().v1().reviews().list(ReviewListParams.builder().setLimit(2L).build()).autoPagingIterable()
                .forEach(x -> all.add(x.getId()));
        assertThat(all).isEqualTo(ids);

        StripeCollection<Review> recent = a.stripe().v1().reviews().list(ReviewListParams.builder()
                .setCreated(ReviewListParams.Created.builder().setGte(created.get(1)).build()).build());
        assertThat(recent.getData()).extracting(Review::getId).containsExactly(ids.get(0), ids.get(1));
        StripeCollection<Review> exact = a.stripe().v1().reviews().list(ReviewListParams.builder()
                .setCreated(created.get(3)).build());
        assertThat(exact.getData()).extracting(Review::getId).containsExactly(ids.get(3));

        // A closed review leaves the list but still works as a cursor.
        a.stripe().v1().reviews().approve(ids.get(1));
        StripeCollection<Review> afterClosed = a.stripe().v1().reviews().list(ReviewListParams.builder().setLimit(1L)
                .setStartingAfter(ids.get(1)).build());
        assertThat(afterClosed.getData()).extracting(Review::getId).containsExactly(ids.get(2));
        assertThat(getJson(a, "/v1/reviews?colour=red").path("error").path("code").asText())
                .isEqualTo("parameter_unknown");
    }

    @Test
    void unknownReviewsAreResourceMissing() {
        Account a = freshAccount();
        assertMissing(() -> a.stripe().v1().reviews().retrieve("prv_doesnotexist"), "review");
        assertMissing(() -> a.stripe().v1().reviews().approve("prv_doesnotexist"), "review");
        assertMissing(() -> a.stripe().v1().reviews().list(ReviewListParams.builder()
                .setStartingAfter("prv_doesnotexist").build()), "starting_after");
        assertThat(getJson(a, "/v1/reviews/prv_doesnotexist").path("error").path("message").asText())
                .isEqualTo("No such review: 'prv_doesnotexist'");
    }

    @Test
    void invalidOpeningsAndClosingsAreProgrammerErrors() throws StripeException {
        Account a = freshAccount();
        PaymentIntent pi = pay(a);
        PaymentIntent other = pay(a);
        assertThatThrownBy(() -> new ReviewOpening(pi.getLatestCharge(), null, "because", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReviewOpening(null, null, "rule", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jdbi.useTransaction(h -> reviews.open(h, a.scope(),
                new ReviewOpening(pi.getLatestCharge(), other.getId(), "rule", null, null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(other.getId());
        assertThatThrownBy(() -> jdbi.useTransaction(h -> reviews.closeForCharge(h, a.scope(),
                pi.getLatestCharge(), "forgotten"))).isInstanceOf(IllegalArgumentException.class);
        // The PaymentIntent may be given when it is the charge's.
        var r = jdbi.inTransaction(h -> reviews.open(h, a.scope(),
                new ReviewOpening(pi.getLatestCharge(), pi.getId(), "rule", null, null)));
        assertThat(r.paymentIntentId()).isEqualTo(pi.getId());
        assertThat(Optional.ofNullable(a.stripe().v1().reviews().retrieve(r.id()).getBillingZip())).isEmpty();
        assertThat(eventObjects(a, "review.opened")).hasSize(1);
    }
}
