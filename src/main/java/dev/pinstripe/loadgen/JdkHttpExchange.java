package dev.pinstripe.loadgen;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/**
 * Performs a one-request {@link Scenario} with the JDK's HTTP client, blocking the calling (virtual)
 * thread. The body is discarded: these scenarios are judged by the status alone.
 */
public final class JdkHttpExchange implements Exchange {

    private final HttpClient client;
    private final RequestFactory requests;
    private final Scenario scenario;

    /** An HTTP/1.1 client with keep-alive (the JDK default), no proxy, no redirects. */
    public static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // Straight to the server: a proxy from the environment would be measured too.
                .proxy(HttpClient.Builder.NO_PROXY)
                // The client hands work from its selector thread to this executor. Running it inline
                // saves a thread hand-off per response, and is safe because nothing done there blocks:
                // bodies are discarded or buffered, and the waiting happens in each request's virtual
                // thread. Measured on 2 cores at 10,000 req/s against a trivial server: about 20% less
                // CPU per request, and a corrected p99 of 5-6 ms instead of 8-13 ms.
                .executor(Runnable::run)
                .build();
    }

    public JdkHttpExchange(HttpClient client, RequestFactory requests, Scenario scenario) {
        this.client = client;
        this.requests = requests;
        this.scenario = scenario;
    }

    @Override
    public Outcome perform(long sequence) throws IOException, InterruptedException {
        // discarding() still reads the whole body, so send() returns when the response is complete.
        return Outcome.ofStatus(
                client.send(requests.build(scenario.request(sequence)), BodyHandlers.discarding()).statusCode());
    }
}
