package dev.pinstripe.loadgen;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;

/** One request before the run, so an unreachable server is a clear failure rather than a run of errors. */
final class ServerProbe {

    private ServerProbe() {}

    /** @return the HTTP status of {@code GET /v1/customers?limit=1} */
    static int probe(HttpClient client, RequestFactory requests) throws IOException, InterruptedException {
        return client.send(requests.build(RequestSpec.get("/v1/customers?limit=1")), BodyHandlers.discarding())
                .statusCode();
    }
}
