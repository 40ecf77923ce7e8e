package dev.pinstripe.testing;

import com.stripe.StripeClient;
import dev.pinstripe.accounts.AccountService;
import dev.pinstripe.app.Pinstripe;
import dev.pinstripe.app.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * A real Pinstripe on a random port over a fresh database, with one account whose secret key
 * tests use. Time comes from a {@link ManualClock}.
 */
public final class TestServer implements AutoCloseable {
    public final ManualClock clock = ManualClock.atTheStartOf2026();
    public final String secretKey = "sk_test_" + UUID.randomUUID().toString().replace("-", "");
    private final TestDatabases.TestDatabase database;
    private final boolean ownsDatabase;
    private final Pinstripe pinstripe;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(boolean openAuth, long bodyBytesMax, dev.pinstripe.ratelimit.LimitSettings limits) {
        this(TestDatabases.create(), true, openAuth, bodyBytesMax, limits, null);
    }

    private TestServer(TestDatabases.TestDatabase database, boolean ownsDatabase, boolean openAuth, long bodyBytesMax,
            dev.pinstripe.ratelimit.LimitSettings limits, Path geoipDatabase) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        Settings settings = new Settings("127.0.0.1", 0, Path.of("unused"), database.url(), secretKey, openAuth, 8,
                bodyBytesMax, Settings.IDEMPOTENCY_RETENTION_DEFAULT, Settings.IDEMPOTENCY_LEASE_DEFAULT, false,
                dev.pinstripe.webhooks.WebhookSettings.defaults(), true,
                Settings.REQUEST_LOG_RETENTION_DEFAULT, limits, true, geoipDatabase);
        pinstripe = Pinstripe.start(settings, clock, new PrintStream(new ByteArrayOutputStream()));
    }

    /**
     * Tests drive one account far faster than Stripe's 25 requests per second; rate limits are
     * tested on servers started with {@link #startWithLimits}.
     */
    private static final dev.pinstripe.ratelimit.LimitSettings NO_LIMITS = dev.pinstripe.ratelimit.LimitSettings.off();

    /** A second server on {@code first}'s database (as a second process would be); it leaves the database alone. */
    public static TestServer startOnSameDatabase(TestServer first, dev.pinstripe.ratelimit.LimitSettings limits) {
        return new TestServer(first.database, false, false, Settings.BODY_BYTES_MAX_DEFAULT, limits, null);
    }

    /** A server whose Radar looks up IP countries in this MaxMind DB file (docs/radar.md). */
    public static TestServer startWithGeoip(Path geoipDatabase) {
        return new TestServer(TestDatabases.create(), true, false, Settings.BODY_BYTES_MAX_DEFAULT, NO_LIMITS,
                geoipDatabase);
    }

    /** A server with these rate limits and load shedders (docs/rate-limits.md). */
    public static TestServer startWithLimits(dev.pinstripe.ratelimit.LimitSettings limits) {
        return new TestServer(false, Settings.BODY_BYTES_MAX_DEFAULT, limits);
    }

    public static TestServer start() {
        return new TestServer(false, Settings.BODY_BYTES_MAX_DEFAULT, NO_LIMITS);
    }

    public static TestServer startOpenAuth() {
        return new TestServer(true, Settings.BODY_BYTES_MAX_DEFAULT, NO_LIMITS);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + pinstripe.port();
    }

    /** The official client, pointed at this server. Retries are off so tests see every response. */
    public StripeClient stripe() {
        return stripe(secretKey);
    }

    public StripeClient stripe(String key) {
        return StripeClient.builder().setApiKey(key).setApiBase(baseUrl()).setMaxNetworkRetries(0).build();
    }

    /** Another account with its own keys. */
    public AccountService.NewAccount newAccount() {
        return pinstripe.accounts().createAccount(AccountService.Origin.TEST, null);
    }

    /** The JDBC URL of this server's database, for commands that open it themselves. */
    public String databaseUrl() {
        return database.url();
    }

    public Pinstripe pinstripe() {
        return pinstripe;
    }

    // --- raw HTTP, for what the SDK cannot send -------------------------------------------------

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", "Bearer " + secretKey);
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET());
    }

    public HttpResponse<String> post(String path, String formBody) {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody)));
    }

    public HttpResponse<String> post(String path, String formBody, String idempotencyKey) {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(formBody)));
    }

    @Override
    public void close() {
        pinstripe.close();
        if (ownsDatabase) {
            database.close();
        }
    }
}
