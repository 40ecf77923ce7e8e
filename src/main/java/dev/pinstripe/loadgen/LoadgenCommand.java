package dev.pinstripe.loadgen;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "loadgen",
        description = {
            "Open-loop HTTP load generator for a Pinstripe server, in the manner of wrk2.",
            "Requests start on a fixed schedule at --rate whatever the server does; latency is measured "
                    + "from each request's intended start (corrected for coordinated omission) and also "
                    + "from its actual send (uncorrected), recorded in HdrHistograms.",
            "Exit codes: 0 run completed (even with request errors), 2 bad arguments, "
                    + "3 server unreachable at start, 4 scenario setup failed."
        },
        sortOptions = false,
        usageHelpAutoWidth = true)
public final class LoadgenCommand implements Callable<Integer> {

    public static final int EXIT_UNREACHABLE = 3;
    public static final int EXIT_SETUP_FAILED = 4;

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:12111", paramLabel = "URL",
            description = "Base URL of the server (default: ${DEFAULT-VALUE}).")
    private String url;

    @Option(names = "--key", required = true, paramLabel = "SECRET_KEY",
            description = "Secret API key, sent as 'Authorization: Bearer <key>'.")
    private String key;

    @Option(names = "--scenario", required = true, paramLabel = "NAME",
            converter = ScenarioName.Converter.class, completionCandidates = ScenarioName.Labels.class,
            description = "One of: ${COMPLETION-CANDIDATES} ('checkout' is short for payments.checkout).")
    private ScenarioName scenario;

    @Option(names = "--rate", required = true, paramLabel = "PER_SEC",
            description = "Target requests per second (fractions allowed); for payments.confirm_two_step, "
                    + "operations of two requests each.")
    private double ratePerSec;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Measured period, e.g. 30s, 2m, 1m30s (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Period before the measured one, sent at the same rate and not reported (default: ${DEFAULT-VALUE}).")
    private Duration warmup;

    @Option(names = "--connections", defaultValue = "64", paramLabel = "N",
            description = "Most requests in flight at once, hence most open connections (default: ${DEFAULT-VALUE}).")
    private int connections;

    @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Per-request timeout (per operation for payments.confirm_two_step); also how long a request may wait for a free connection "
                    + "before it is given up (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(names = "--setup-objects", defaultValue = "1000", paramLabel = "N",
            description = "customers.retrieve: customers created before the run (default: ${DEFAULT-VALUE}).")
    private int setupObjects;

    @Option(names = "--no-idempotency-keys",
            description = "customers.create: send no Idempotency-Key header (default: a new UUID per request).")
    private boolean noIdempotencyKeys;

    @Option(names = "--json", description = "Print the summary as JSON instead of a text table.")
    private boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    public LoadgenCommand() {}

    @Override
    public Integer call() throws InterruptedException {
        URI baseUrl = validatedUrl();
        RunPlan plan = validatedPlan();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String runId = "lg" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        RequestFactory requests = new RequestFactory(baseUrl, key, timeout);

        HttpClient client = JdkHttpExchange.newClient(timeout);
        try {
            try {
                int status = ServerProbe.probe(client, requests);
                if (status == 401 || status == 403) {
                    err.printf("warning: %s rejected the API key (HTTP %d); the run will measure rejections%n",
                            baseUrl, status);
                }
            } catch (IOException e) {
                err.printf("error: server unreachable at %s: %s%n", baseUrl, describe(e));
                return EXIT_UNREACHABLE;
            }

            Exchange exchange;
            try {
                exchange = exchange(client, requests, runId, err);
            } catch (CustomerSeeder.SeedingFailedException e) {
                err.printf("error: setup for %s failed: %s%n", scenario, e.getMessage());
                return EXIT_SETUP_FAILED;
            }

            err.printf(Locale.ROOT, "%s: %s req/s, %.1f s warmup then %.1f s measured, %d connections...%n",
                    scenario, ratePerSec, warmup.toMillis() / 1000.0, duration.toMillis() / 1000.0, connections);
            err.flush();
            Executor perRequestVirtualThread = Thread::startVirtualThread;
            RunRecorder recorder = new OpenLoopRunner(plan, NanoClock.system(), perRequestVirtualThread,
                    exchange).run();

            RunSummary summary = RunSummary.of(
                    new RunSummary.Setting(scenario.label(), baseUrl.toString(), runId,
                            Runtime.getRuntime().availableProcessors(), scenario.successRule()),
                    plan, recorder);
            out.print(json ? SummaryFormatter.json(summary) + System.lineSeparator() : SummaryFormatter.text(summary));
            out.flush();
            return 0;
        } finally {
            client.shutdownNow();
        }
    }

    private Exchange exchange(HttpClient client, RequestFactory requests, String runId, PrintWriter err)
            throws InterruptedException {
        CustomersCreate creates = new CustomersCreate(runId, !noIdempotencyKeys);
        return switch (scenario) {
            case CUSTOMERS_CREATE -> new JdkHttpExchange(client, requests, creates);
            case CUSTOMERS_LIST -> new JdkHttpExchange(client, requests, new CustomersList());
            case CUSTOMERS_RETRIEVE -> {
                err.printf("setup: creating %d customers...%n", setupObjects);
                err.flush();
                List<String> ids = new CustomerSeeder(client, requests, creates, connections).create(setupObjects);
                yield new JdkHttpExchange(client, requests,
                        new CustomersRetrieve(ids, UUID.randomUUID().getMostSignificantBits()));
            }
            case PAYMENTS_CHECKOUT -> new PaymentsExchange(client, requests, PaymentsExchange.Flow.CHECKOUT);
            case PAYMENTS_CONFIRM_TWO_STEP ->
                    new PaymentsExchange(client, requests, PaymentsExchange.Flow.CONFIRM_TWO_STEP);
        };
    }

    private URI validatedUrl() {
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw bad("--url must be an absolute http:// or https:// URL, was '" + url + "'");
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                throw bad("--url must not have a query or fragment, was '" + url + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw bad("--url is not a valid URL: " + e.getMessage());
        }
    }

    private RunPlan validatedPlan() {
        if (key.isBlank()) {
            throw bad("--key must not be blank");
        }
        if (!(ratePerSec > 0) || Double.isInfinite(ratePerSec)) {
            throw bad("--rate must be a positive number, was " + ratePerSec);
        }
        if (duration.isZero()) {
            throw bad("--duration must be positive");
        }
        if (timeout.isZero()) {
            throw bad("--timeout must be positive");
        }
        if (connections < 1) {
            throw bad("--connections must be at least 1, was " + connections);
        }
        if (setupObjects < 1) {
            throw bad("--setup-objects must be at least 1, was " + setupObjects);
        }
        return new RunPlan(ratePerSec, warmup, duration, connections, timeout);
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static String describe(IOException e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return e.getCause() != null && e.getCause().getMessage() != null && !message.contains(e.getCause().getMessage())
                ? message + " (" + e.getCause().getMessage() + ")"
                : message;
    }
}
