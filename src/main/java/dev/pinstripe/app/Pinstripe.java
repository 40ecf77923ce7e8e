package dev.pinstripe.app;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.pinstripe.accounts.AccountService;
import dev.pinstripe.api.Expansions;
import dev.pinstripe.customers.CustomerRoutes;
import dev.pinstripe.customers.CustomerService;
import dev.pinstripe.events.EventLog;
import dev.pinstripe.events.EventRoutes;
import dev.pinstripe.geoip.IpCountries;
import dev.pinstripe.http.ApiServer;
import dev.pinstripe.ledger.BalanceAnnouncer;
import dev.pinstripe.ledger.BalanceRoutes;
import dev.pinstripe.ledger.Ledger;
import dev.pinstripe.payments.ChargeRoutes;
import dev.pinstripe.payments.DisputeRoutes;
import dev.pinstripe.payments.DisputeService;
import dev.pinstripe.payments.PaymentIntentRoutes;
import dev.pinstripe.payments.PaymentIntentService;
import dev.pinstripe.payments.PaymentMethodRoutes;
import dev.pinstripe.payments.PaymentMethodService;
import dev.pinstripe.payments.PaymentSearch;
import dev.pinstripe.payments.RefundRoutes;
import dev.pinstripe.payments.RefundService;
import dev.pinstripe.payments.ThreeDSecurePages;
import dev.pinstripe.radar.HistoryFlusher;
import dev.pinstripe.radar.Radar;
import dev.pinstripe.radar.RadarRoutes;
import dev.pinstripe.radar.RiskModel;
import dev.pinstripe.radar.StoredHistories;
import dev.pinstripe.radar.external.ExternalScorer;
import dev.pinstripe.radar.external.ExternalScoring;
import dev.pinstripe.radar.lists.ValueListRoutes;
import dev.pinstripe.radar.lists.ValueListService;
import dev.pinstripe.radar.lists.ValueLists;
import dev.pinstripe.radar.reviews.EarlyFraudWarningRoutes;
import dev.pinstripe.radar.reviews.EarlyFraudWarningService;
import dev.pinstripe.radar.reviews.ReviewRoutes;
import dev.pinstripe.radar.reviews.ReviewService;
import dev.pinstripe.idempotency.IdempotencyReaper;
import dev.pinstripe.idempotency.IdempotencyService;
import dev.pinstripe.metrics.Metrics;
import dev.pinstripe.ratelimit.Limiters;
import dev.pinstripe.requestlog.RequestLogReaper;
import dev.pinstripe.requestlog.RequestLogRoutes;
import dev.pinstripe.requestlog.RequestLogWriter;
import dev.pinstripe.store.Database;
import dev.pinstripe.webhooks.DeliveryStore;
import dev.pinstripe.webhooks.WebhookAttemptRoutes;
import dev.pinstripe.webhooks.WebhookDispatcher;
import dev.pinstripe.webhooks.WebhookEndpointRoutes;
import dev.pinstripe.webhooks.WebhookSettings;
import dev.pinstripe.webhooks.WebhookEndpointService;
import dev.pinstripe.store.EmbeddedPostgresServer;
import dev.pinstripe.store.JdbcUrls;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: it constructs every part of a running Pinstripe, in order, and closes
 * them in reverse. Nothing else constructs services.
 */
public final class Pinstripe implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pinstripe.class);
    private static final Duration REAPER_INTERVAL = Duration.ofMinutes(10);
    private static final Duration BALANCE_ANNOUNCER_INTERVAL = Duration.ofMinutes(1);

    private final EmbeddedPostgresServer embedded;
    private final Database database;
    private final AccountService accounts;
    private final ApiServer server;
    private final Scheduler scheduler;
    private final WebhookDispatcher dispatcher;
    private final RequestLogWriter requestLog;
    private final Metrics metrics;
    private final Limiters limiters;
    private final HistoryFlusher historyFlusher;
    private final ExternalScorer externalScorer;

    private Pinstripe(EmbeddedPostgresServer embedded, Database database, AccountService accounts, ApiServer server,
            Scheduler scheduler, WebhookDispatcher dispatcher, RequestLogWriter requestLog, Metrics metrics,
            Limiters limiters, HistoryFlusher historyFlusher, ExternalScorer externalScorer) {
        this.historyFlusher = historyFlusher;
        this.externalScorer = externalScorer;
        this.metrics = metrics;
        this.limiters = limiters;
        this.dispatcher = dispatcher;
        this.requestLog = requestLog;
        this.embedded = embedded;
        this.database = database;
        this.accounts = accounts;
        this.server = server;
        this.scheduler = scheduler;
    }

    /** Opens the database (starting the embedded one if none is configured) and migrates it. */
    public static Storage openStorage(Settings settings) {
        return openStorage(settings, null);
    }

    /** As {@link #openStorage(Settings)}, with the connection pool's metrics in {@code metrics}. */
    public static Storage openStorage(Settings settings, io.micrometer.core.instrument.MeterRegistry metrics) {
        EmbeddedPostgresServer embedded = null;
        String url = settings.databaseUrl();
        if (url == null) {
            embedded = EmbeddedPostgresServer.start(settings.dataDir());
            url = embedded.jdbcUrl("postgres");
        } else {
            log.info("Using PostgreSQL at {}", JdbcUrls.redact(url));
        }
        Database database = null;
        try {
            database = Database.open(url, settings.databasePoolSize(), metrics);
            database.assertDurable();
            database.migrate();
            return new Storage(embedded, database, JdbcUrls.toJdbc(url));
        } catch (RuntimeException e) {
            if (database != null) {
                database.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    /**
     * The database and, when Pinstripe started it, the embedded PostgreSQL.
     *
     * @param jdbcUrl the database's JDBC URL, for connections outside the pool (LISTEN)
     */
    public record Storage(EmbeddedPostgresServer embedded, Database database, String jdbcUrl) implements AutoCloseable {
        @Override
        public void close() {
            database.close();
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /** Starts a server; first-start keys, if any are made, are printed to {@code out}. */
    public static Pinstripe start(Settings settings, Clock clock, PrintStream out) {
        // First: a bad file fails start-up before PostgreSQL is started.
        IpCountries ipCountries = ipCountries(settings.geoipDatabase());
        Metrics metrics = new Metrics();
        Storage storage = openStorage(settings, metrics.registry());
        try {
            Database database = storage.database();
            if (settings.openAuth()) {
                log.warn("OPEN AUTH MODE: every unseen sk_test_ key is accepted and gets a new account of its own."
                        + " Never use this outside local development and CI.");
            }
            AccountService accounts = new AccountService(database.jdbi(), clock, settings.openAuth());
            bootstrapAccount(settings, accounts, out);

            IdempotencyService idempotency = new IdempotencyService(database.jdbi(), clock, settings.idempotencyLease());
            Expansions expansions = new Expansions();
            RequestLogWriter requestLog = new RequestLogWriter(database.jdbi(), RequestLogWriter.CAPACITY_DEFAULT);
            Limiters limiters = new Limiters(settings.limits(), clock);
            metrics.limiters(limiters);
            metrics.requestLog(requestLog);
            metrics.webhookQueue(database.jdbi(), clock);
            ApiServer server = new ApiServer(new ApiServer.Settings(settings.host(), settings.port(),
                    settings.bodyBytesMax()), accounts, idempotency, expansions, !settings.requestLog()
                    ? ApiServer.Observer.NONE : entry -> {
                        requestLog.offer(entry);
                        metrics.request(entry);
                    }, limiters);
            new RequestLogRoutes().register(server);
            server.probe("/metrics", () -> new ApiServer.Probe(200, "text/plain; version=0.0.4; charset=utf-8",
                    metrics.scrape()));
            server.probe("/readyz", () -> readiness(database));
            EventLog events = new EventLog(clock, metrics::event);
            CustomerService customers = new CustomerService(clock, events);
            new CustomerRoutes(customers).register(server, expansions);
            Ledger ledger = new Ledger(clock);
            new BalanceRoutes(ledger).register(server, expansions);
            PaymentMethodService paymentMethods = new PaymentMethodService(clock, customers, events);
            new PaymentMethodRoutes(paymentMethods).register(server, expansions);
            ReviewService reviews = new ReviewService(clock, events);
            new ReviewRoutes(reviews).register(server, expansions);
            EarlyFraudWarningService earlyFraudWarnings = new EarlyFraudWarningService(clock, events);
            new EarlyFraudWarningRoutes(earlyFraudWarnings).register(server, expansions);
            new ValueListRoutes(new ValueListService(clock)).register(server, expansions);
            ValueLists valueLists = new ValueLists();
            StoredHistories radarHistories = new StoredHistories(database.jdbi(), clock);
            ExternalScoring externalScoring = ExternalScoring.fromEnvironment(System.getenv());
            ExternalScorer externalScorer = externalScoring.enabled() ? new ExternalScorer(externalScoring, clock)
                    : null;
            if (externalScorer != null) {
                metrics.radarExternal(externalScorer);
            }
            // PINSTRIPE_RADAR=off exists for A/B benchmarks of Radar's cost (docs/radar.md).
            Radar radar = new Radar(RiskModel.configured(), radarHistories, valueLists, metrics::radarDecision,
                    !"off".equalsIgnoreCase(System.getenv("PINSTRIPE_RADAR")), externalScorer, ipCountries);
            new RadarRoutes(radar, valueLists, clock).register(server);
            HistoryFlusher historyFlusher = new HistoryFlusher(radarHistories, HistoryFlusher.INTERVAL);
            DisputeService disputes = new DisputeService(clock, ledger, events);
            String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
            PaymentIntentService payments = new PaymentIntentService(clock, customers, paymentMethods, ledger,
                    disputes, events, () -> "http://" + host + ":" + server.port(), radar, reviews,
                    earlyFraudWarnings);
            // Before the routes with {intent} and {charge}: "search" is not an ID.
            new PaymentSearch().register(server, expansions);
            new PaymentIntentRoutes(payments).register(server, expansions);
            RefundService refunds = new RefundService(clock, ledger, events, reviews, earlyFraudWarnings);
            new ChargeRoutes(payments, refunds).register(server, expansions);
            new RefundRoutes(refunds).register(server, expansions);
            new DisputeRoutes(disputes, ledger, payments).register(server, expansions);
            new ThreeDSecurePages(database.jdbi(), payments).register(server);
            new EventRoutes().register(server, expansions);
            WebhookEndpointService webhookEndpoints = new WebhookEndpointService(clock, events);
            new WebhookEndpointRoutes(webhookEndpoints).register(server, expansions);
            WebhookSettings webhookSettings = settings.webhooks();
            DeliveryStore deliveries = new DeliveryStore(database.jdbi(), clock, webhookSettings.schedule(),
                    webhookEndpoints::recordDisabled);
            new WebhookAttemptRoutes(deliveries).register(server);
            WebhookDispatcher dispatcher = settings.webhookDelivery()
                    ? new WebhookDispatcher(deliveries, webhookSettings, clock, storage.jdbcUrl()) : null;
            BalanceAnnouncer announcer = new BalanceAnnouncer(database.jdbi(), clock, ledger, events);
            RequestLogReaper logReaper = new RequestLogReaper(database.jdbi(), clock, settings.requestLogRetention());
            Scheduler scheduler = settings.backgroundJobs()
                    ? scheduler(database, clock, settings, announcer, logReaper, radarHistories) : null;
            try {
                server.start();
                if (scheduler != null) {
                    scheduler.start();
                }
                if (dispatcher != null) {
                    dispatcher.start();
                }
            } catch (RuntimeException e) {
                server.stop();
                if (scheduler != null) {
                    scheduler.stop();
                }
                if (dispatcher != null) {
                    dispatcher.close();
                }
                requestLog.close();
                historyFlusher.close();
                if (externalScorer != null) {
                    externalScorer.close();
                }
                limiters.close();
                throw e;
            }
            return new Pinstripe(storage.embedded(), database, accounts, server, scheduler, dispatcher, requestLog,
                    metrics, limiters, historyFlusher, externalScorer);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    /** Radar's IP countries from {@code database} (docs/radar.md), or none when it is null. */
    private static IpCountries ipCountries(Path database) {
        if (database == null) {
            return IpCountries.NONE;
        }
        IpCountries countries;
        try {
            countries = IpCountries.open(database);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--geoip-database / PINSTRIPE_GEOIP_DATABASE: " + e.getMessage(), e);
        }
        log.info("Radar's ip_country comes from the GeoIP database {}", countries);
        return countries;
    }

    /** Ready: the database answers and every migration in the jar has been applied. */
    private static ApiServer.Probe readiness(Database database) {
        String reason;
        try {
            reason = database.migrated() ? null : "migrations pending";
        } catch (RuntimeException e) {
            reason = "database unreachable";
        }
        return reason == null
                ? new ApiServer.Probe(200, "application/json", "{\n  \"status\": \"ready\"\n}")
                : new ApiServer.Probe(503, "application/json", "{\n  \"status\": \"not_ready\",\n  \"reason\": \""
                        + reason + "\"\n}");
    }

    /** db-scheduler's recurring jobs; it runs each on one Pinstripe process of a cluster at a time. */
    private static Scheduler scheduler(Database database, Clock clock, Settings settings, BalanceAnnouncer announcer,
            RequestLogReaper logReaper, StoredHistories radarHistories) {
        IdempotencyReaper reaper = new IdempotencyReaper(database.jdbi(), clock, settings.idempotencyRetention());
        RecurringTask<Void> reap = Tasks.recurring("idempotency-key-reaper", FixedDelay.of(REAPER_INTERVAL))
                .execute((instance, context) -> reaper.reap());
        RecurringTask<Void> announce = Tasks.recurring("balance-available-announcer",
                        FixedDelay.of(BALANCE_ANNOUNCER_INTERVAL))
                .execute((instance, context) -> announcer.announce());
        RecurringTask<Void> reapLogs = Tasks.recurring("request-log-reaper", FixedDelay.of(REAPER_INTERVAL))
                .execute((instance, context) -> logReaper.reap());
        RecurringTask<Void> reapHistories = Tasks.recurring("radar-history-reaper", FixedDelay.of(REAPER_INTERVAL))
                .execute((instance, context) -> radarHistories.deleteIdle());
        return Scheduler.create(database.dataSource())
                .startTasks(reap, announce, reapLogs, reapHistories)
                .threads(2)
                .pollingInterval(Duration.ofSeconds(10))
                .build();
    }

    private static void bootstrapAccount(Settings settings, AccountService accounts, PrintStream out) {
        if (settings.bootstrapSecretKey() != null) {
            if (accounts.ensureBootstrapKey(settings.bootstrapSecretKey())) {
                log.info("Created the bootstrap account for the configured PINSTRIPE_BOOTSTRAP_SECRET_KEY");
            }
            return;
        }
        if (!accounts.hasAccounts()) {
            AccountService.NewAccount created = accounts.createAccount(AccountService.Origin.FIRST_START, null);
            out.println();
            out.println("  Pinstripe created your first account: " + created.accountId());
            out.println("  These keys are shown once (only their hashes are stored):");
            out.println("    Secret key:      " + created.secretKey());
            out.println("    Publishable key: " + created.publishableKey());
            out.println("  Make more with `./pinstripe keys create --account " + created.accountId() + "`.");
            out.println();
        }
    }

    public int port() {
        return server.port();
    }

    public AccountService accounts() {
        return accounts;
    }

    public Database database() {
        return database;
    }

    /**
     * Stops accepting requests, finishes in-flight ones, then closes jobs and webhook delivery (an
     * attempt cut short is delivered again once its lease ends), the pool and PostgreSQL.
     */
    @Override
    public void close() {
        server.stop();
        if (scheduler != null) {
            scheduler.stop();
        }
        if (dispatcher != null) {
            dispatcher.close();
        }
        requestLog.close();
        historyFlusher.close();
        if (externalScorer != null) {
            externalScorer.close();
        }
        limiters.close();
        database.close();
        metrics.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
