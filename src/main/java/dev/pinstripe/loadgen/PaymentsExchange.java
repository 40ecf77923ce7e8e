package dev.pinstripe.loadgen;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The {@code payments.*} scenarios: each operation pays one PaymentIntent, and is judged by the body
 * of its last response (see {@link PaymentRequests}).
 */
public final class PaymentsExchange implements Exchange {

    public enum Flow {
        /** {@code POST /v1/payment_intents} with {@code confirm=true}: one request. */
        CHECKOUT,
        /**
         * {@code POST /v1/payment_intents}, then {@code POST /v1/payment_intents/{id}/confirm}: two
         * requests in a row, timed together. The pair shares one {@code --timeout}.
         */
        CONFIRM_TWO_STEP
    }

    private final HttpClient client;
    private final RequestFactory requests;
    private final Flow flow;

    public PaymentsExchange(HttpClient client, RequestFactory requests, Flow flow) {
        this.client = client;
        this.requests = requests;
        this.flow = flow;
    }

    @Override
    public Outcome perform(long sequence) throws IOException, InterruptedException {
        return switch (flow) {
            case CHECKOUT -> checkout();
            case CONFIRM_TWO_STEP -> createThenConfirm();
        };
    }

    private Outcome checkout() throws IOException, InterruptedException {
        RequestSpec checkout = PaymentRequests.checkout();
        HttpResponse<String> response = client.send(requests.build(checkout), BodyHandlers.ofString());
        return PaymentRequests.judgePayment(checkout, response.statusCode(), response.body());
    }

    private Outcome createThenConfirm() throws IOException, InterruptedException {
        long startNanos = System.nanoTime();
        RequestSpec create = PaymentRequests.create();
        HttpResponse<String> created = client.send(requests.build(create), BodyHandlers.ofString());
        String intentId = created.statusCode() == 200 ? PaymentRequests.intentId(created.body()) : null;
        if (intentId == null) {
            return Outcome.failure(created.statusCode(), PaymentRequests.describe(
                    create, created.statusCode(), created.body(), "no PaymentIntent to confirm"));
        }

        // The operation as a whole keeps to --timeout, so the runner's bounds hold for a pair too.
        Duration remaining = requests.timeout().minusNanos(System.nanoTime() - startNanos);
        if (remaining.isNegative() || remaining.isZero()) {
            throw new HttpTimeoutException("the create took the whole timeout; confirm not sent");
        }
        RequestSpec confirm = PaymentRequests.confirm(intentId);
        HttpResponse<String> confirmed = client.send(requests.build(confirm, remaining), BodyHandlers.ofString());
        return PaymentRequests.judgePayment(confirm, confirmed.statusCode(), confirmed.body());
    }
}
