package dev.pinstripe.webhooks;

import dev.pinstripe.ids.Ids;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers webhooks from the {@code webhook_deliveries} queue. Three threads and the sends:
 *
 * <ul>
 *   <li>the <b>listener</b> holds a dedicated connection (not from the pool) that LISTENs on
 *       {@value DeliveryStore#CHANNEL}, and wakes the claimer on every notification; it reconnects
 *       with backoff when the connection drops;</li>
 *   <li>the <b>claimer</b> claims as many due deliveries as there is free capacity (at most
 *       {@link WebhookSettings#concurrencyMax()} in flight, {@link WebhookSettings#perEndpointMax()}
 *       per endpoint; full endpoints are left out of the claim, so a slow endpoint does not hold up
 *       the others), when woken and at least every {@link WebhookSettings#pollInterval()} (retries
 *       become due by time, not by notification);</li>
 *   <li>each claimed delivery is sent on its own virtual thread; once answered (or failed) it frees
 *       its capacity and queues its result;</li>
 *   <li>the <b>finisher</b> writes queued results in batches, one transaction each (group commit).
 *       A delivery is done only once its 2xx is committed; until then its lease keeps it from being
 *       claimed again.</li>
 * </ul>
 *
 * The queue stays in the database: memory holds at most {@code concurrencyMax} deliveries in flight
 * and {@code concurrencyMax} results waiting to be written (a sender whose result finds the queue
 * full waits, holding its capacity), whatever the backlog. Tests call {@link #runOnce()} instead of
 * {@link #start()}.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final Duration RECONNECT_BACKOFF_MIN = Duration.ofMillis(100);
    static final Duration RECONNECT_BACKOFF_MAX = Duration.ofSeconds(30);
    /** How often the listener checks that its connection is alive when no notification comes. */
    static final Duration LISTEN_CHECK_INTERVAL = Duration.ofSeconds(10);
    static final int FINISH_TRIES_MAX = 3;
    /** How often an idle finisher checks whether the dispatcher is closing. */
    static final Duration FINISHER_POLL = Duration.ofMillis(100);

    private final DeliveryStore store;
    private final WebhookSettings settings;
    private final Clock clock;
    private final String listenJdbcUrl;
    private final String owner;
    private final WebhookSender sender;
    private final ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore wakeups = new Semaphore(0);
    private final ReentrantLock claiming = new ReentrantLock();
    /** In-flight deliveries: claimed, and not yet answered (or failed). Guarded by itself. */
    private final Map<String, Integer> inFlightByEndpoint = new HashMap<>();
    private int inFlight;
    /** Results waiting for the finisher: at most concurrencyMax; senders wait when it is full. */
    private final LinkedBlockingQueue<AttemptResult> results;

    private volatile boolean running;
    private volatile boolean sendsDone;
    private volatile Connection listenConnection;
    private Thread listener;
    private Thread claimer;
    private Thread finisher;

    /**
     * @param store         built with {@code settings.schedule()}
     * @param listenJdbcUrl the database's JDBC URL, for the LISTEN connection; null to poll only
     */
    public WebhookDispatcher(DeliveryStore store, WebhookSettings settings, Clock clock, String listenJdbcUrl) {
        if (store.schedule() != settings.schedule()) {
            throw new IllegalArgumentException("the delivery store and the webhook settings must share one retry"
                    + " schedule");
        }
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.listenJdbcUrl = listenJdbcUrl;
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + Ids.random("", 8);
        this.sender = new WebhookSender(settings, clock);
        this.results = new LinkedBlockingQueue<>(settings.concurrencyMax());
    }

    /** This dispatcher's name in {@code webhook_deliveries.lease_owner}: {@code pid@host/random}. */
    public String owner() {
        return owner;
    }

    /** Starts the listener, claimer and finisher threads. */
    public synchronized void start() {
        if (running) {
            throw new IllegalStateException("the webhook dispatcher is already running");
        }
        running = true;
        finisher = Thread.ofPlatform().name("pinstripe-webhook-finisher").daemon().start(this::finishLoop);
        claimer = Thread.ofPlatform().name("pinstripe-webhook-claimer").daemon().start(this::claimLoop);
        if (listenJdbcUrl != null) {
            listener = Thread.ofPlatform().name("pinstripe-webhook-listener").daemon().start(this::listenLoop);
        }
        log.info("Webhook dispatcher {} started (retries: {}, concurrency {} and {} per endpoint)", owner,
                settings.schedule(), settings.concurrencyMax(), settings.perEndpointMax());
    }

    /** Makes the claimer look for due deliveries now. */
    public void wake() {
        wakeups.release();
    }

    /**
     * Claims what is due (up to the free capacity), sends it, waits for every attempt and writes
     * the results, all before returning. For tests, which move the clock between calls.
     *
     * @return how many deliveries were claimed (attempted, or canceled without an attempt)
     */
    public int runOnce() {
        List<Claim> claims = claim();
        if (claims.isEmpty()) {
            return 0;
        }
        try {
            List<Future<AttemptResult>> futures = new ArrayList<>(claims.size());
            for (Claim c : claims) {
                futures.add(sends.submit(() -> sender.attempt(c)));
            }
            List<AttemptResult> done = new ArrayList<>(claims.size());
            for (Future<AttemptResult> f : futures) {
                done.add(f.get());
            }
            for (int from = 0; from < done.size(); from += DeliveryStore.FINISH_BATCH_MAX) {
                store.finish(owner, done.subList(from, Math.min(done.size(), from + DeliveryStore.FINISH_BATCH_MAX)));
            }
            return claims.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering webhooks", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a webhook attempt failed unexpectedly", e.getCause());
        } finally {
            claims.forEach(c -> release(c.endpointId()));
        }
    }

    /** Claims up to the free capacity and reserves it; claims are serialised within the process. */
    private List<Claim> claim() {
        claiming.lock();
        try {
            int free;
            Map<String, Integer> used;
            synchronized (inFlightByEndpoint) {
                free = Math.min(settings.concurrencyMax() - inFlight, DeliveryStore.CLAIM_ROWS_MAX);
                used = Map.copyOf(inFlightByEndpoint);
            }
            if (free <= 0) {
                return List.of();
            }
            List<Claim> claims = store.claim(owner, free, settings.perEndpointMax(), used, settings.lease());
            synchronized (inFlightByEndpoint) {
                for (Claim c : claims) {
                    inFlight++;
                    inFlightByEndpoint.merge(c.endpointId(), 1, Integer::sum);
                }
            }
            return claims;
        } finally {
            claiming.unlock();
        }
    }

    private void release(String endpointId) {
        synchronized (inFlightByEndpoint) {
            inFlight--;
            inFlightByEndpoint.computeIfPresent(endpointId, (k, n) -> n == 1 ? null : n - 1);
        }
    }

    /** Deliveries in flight in this process: claimed and not yet answered. */
    public int inFlight() {
        synchronized (inFlightByEndpoint) {
            return inFlight;
        }
    }

    // --- the claimer ------------------------------------------------------------------------

    private void claimLoop() {
        while (running) {
            List<Claim> claims;
            try {
                claims = claim();
            } catch (RuntimeException e) {
                log.warn("Could not claim webhook deliveries; trying again in {}", settings.pollInterval(), e);
                claims = List.of();
            }
            for (Claim c : claims) {
                sends.execute(() -> sendAndQueue(c));
            }
            if (claims.isEmpty()) {
                awaitWakeup(settings.pollInterval());
            }
        }
    }

    private void sendAndQueue(Claim c) {
        try {
            AttemptResult result;
            try {
                result = sender.attempt(c);
            } catch (Throwable t) {
                log.error("Webhook delivery {} (attempt {}) failed unexpectedly", c.deliveryId(), c.attempt(), t);
                result = AttemptResult.error(c, clock.millis(), 0, "internal error: " + t.getClass().getSimpleName());
            }
            if (log.isDebugEnabled() && result.outcome() != AttemptResult.Outcome.SUCCEEDED) {
                log.debug("Webhook delivery {} attempt {} to {}: {} {}", c.deliveryId(), c.attempt(), c.endpointId(),
                        result.outcome(), result.statusCode() != null ? result.statusCode() : result.error());
            }
            // Blocks while the finisher is concurrencyMax results behind: the slot is kept meanwhile,
            // so no more is claimed than can be written.
            results.put(result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Webhook delivery {} abandoned at shutdown; it is retried when its lease ends", c.deliveryId());
        } finally {
            release(c.endpointId());
            wake();
        }
    }

    private void awaitWakeup(Duration timeout) {
        try {
            wakeups.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
            wakeups.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    // --- the finisher -----------------------------------------------------------------------

    private void finishLoop() {
        while (true) {
            AttemptResult first;
            try {
                first = results.poll(FINISHER_POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                if (sendsDone) {
                    return;
                }
                continue;
            }
            List<AttemptResult> batch = new ArrayList<>();
            batch.add(first);
            results.drainTo(batch, DeliveryStore.FINISH_BATCH_MAX - 1);
            write(batch);
        }
    }

    private void write(List<AttemptResult> batch) {
        for (int tries = 1; ; tries++) {
            try {
                store.finish(owner, batch);
                return;
            } catch (RuntimeException e) {
                if (tries >= FINISH_TRIES_MAX) {
                    log.error("Could not record the results of webhook deliveries {}; they will be attempted again"
                            + " when their leases end", batch.stream().map(AttemptResult::deliveryId).toList(), e);
                    return;
                }
                log.warn("Could not record webhook results (try {} of {}); trying again", tries, FINISH_TRIES_MAX, e);
                try {
                    Thread.sleep(100L * tries);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    // --- the listener -----------------------------------------------------------------------

    private void listenLoop() {
        long backoffMs = RECONNECT_BACKOFF_MIN.toMillis();
        while (running) {
            try (Connection c = openListenConnection()) {
                listenConnection = c;
                if (!running) {
                    return; // close() ran before the connection was visible to it
                }
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + DeliveryStore.CHANNEL);
                }
                backoffMs = RECONNECT_BACKOFF_MIN.toMillis();
                wake(); // whatever was notified while not listening
                listen(c);
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                log.warn("Webhook notification connection failed ({}); reconnecting in {} ms (polling every {}"
                        + " meanwhile)", e.getMessage(), backoffMs, settings.pollInterval());
                awaitReconnect(backoffMs);
                backoffMs = Math.min(backoffMs * 2, RECONNECT_BACKOFF_MAX.toMillis());
            } finally {
                listenConnection = null;
            }
        }
    }

    private Connection openListenConnection() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", "pinstripe-webhook-listener");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(listenJdbcUrl, properties);
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        int waitMs = (int) Math.min(LISTEN_CHECK_INTERVAL.toMillis(), Integer.MAX_VALUE);
        while (running) {
            PGNotification[] notifications = pg.getNotifications(waitMs);
            if (notifications != null && notifications.length > 0) {
                wake();
            } else if (running && !c.isValid(5)) {
                throw new SQLException("the connection is no longer valid");
            }
        }
    }

    private void awaitReconnect(long backoffMs) {
        try {
            Thread.sleep(backoffMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    // --- shutdown ---------------------------------------------------------------------------

    /**
     * Stops claiming, lets in-flight attempts finish (each is bounded by the timeout), writes their
     * results, and closes the HTTP client. Attempts still running after that are abandoned; their
     * deliveries are claimed again when their leases end.
     */
    @Override
    public synchronized void close() {
        boolean wasRunning = running;
        running = false;
        wake();
        Connection c = listenConnection;
        if (c != null) {
            try {
                c.abort(Runnable::run);
            } catch (SQLException e) {
                log.debug("Could not abort the webhook notification connection", e);
            }
        }
        join(claimer);
        join(listener);
        sends.shutdown();
        try {
            if (!sends.awaitTermination(settings.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                log.warn("Webhook attempts still running at shutdown are abandoned; they are retried when their"
                        + " leases end");
                sends.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sendsDone = true;
        join(finisher);
        sender.close();
        if (wasRunning) {
            log.info("Webhook dispatcher {} stopped", owner);
        }
    }

    private static void join(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
