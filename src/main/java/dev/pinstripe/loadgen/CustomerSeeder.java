package dev.pinstripe.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/** Creates the customers that {@code customers.retrieve} reads, before the timed run starts. */
public final class CustomerSeeder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final RequestFactory requests;
    private final CustomersCreate creates;
    private final int concurrencyMax;

    public CustomerSeeder(HttpClient client, RequestFactory requests, CustomersCreate creates, int concurrencyMax) {
        this.client = client;
        this.requests = requests;
        this.creates = creates;
        this.concurrencyMax = concurrencyMax;
    }

    /** @throws SeedingFailedException on the first request that does not return a customer */
    public List<String> create(int count) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrencyMax);
        AtomicBoolean failed = new AtomicBoolean();
        List<Future<String>> ids = new ArrayList<>(count);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count && !failed.get(); i++) {
                long sequence = i;
                inFlight.acquire();
                ids.add(executor.submit(() -> {
                    try {
                        return createOne(sequence);
                    } catch (Exception e) {
                        failed.set(true);
                        throw e;
                    } finally {
                        inFlight.release();
                    }
                }));
            }
        }
        List<String> result = new ArrayList<>(count);
        for (Future<String> id : ids) {
            try {
                result.add(id.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof SeedingFailedException failure
                        ? failure
                        : new SeedingFailedException("creating a customer failed: " + e.getCause(), e.getCause());
            }
        }
        return result;
    }

    private String createOne(long sequence) throws IOException, InterruptedException {
        HttpResponse<String> response =
                client.send(requests.build(creates.request(sequence)), BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new SeedingFailedException("creating a customer returned HTTP " + response.statusCode()
                    + ": " + abbreviate(response.body()), null);
        }
        JsonNode id = JSON.readTree(response.body()).path("id");
        if (!id.isTextual() || id.asText().isEmpty()) {
            throw new SeedingFailedException("creating a customer returned no id: " + abbreviate(response.body()), null);
        }
        return id.asText();
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }

    public static final class SeedingFailedException extends RuntimeException {
        SeedingFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
