package dev.pinstripe.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinstripe.testing.ManualClock;
import dev.pinstripe.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FirstStartTest {
    static Settings settings(String url) {
        Settings d = Settings.defaults();
        return new Settings("127.0.0.1", 0, Path.of("unused"), url, null, false, 4, d.bodyBytesMax(),
                d.idempotencyRetention(), d.idempotencyLease(), false, d.webhooks(), false, d.requestLogRetention(),
                d.limits(), true, null);
    }

    static int status(int port, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/customers"))
                .header("Authorization", "Bearer " + key).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void theFirstStartCreatesAnAccountAndPrintsItsKeysOnce() throws Exception {
        try (TestDatabases.TestDatabase db = TestDatabases.create()) {
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            String secretKey;
            try (Pinstripe p = Pinstripe.start(settings(db.url()), ManualClock.atTheStartOf2026(),
                    new PrintStream(first, true, StandardCharsets.UTF_8))) {
                Matcher m = Pattern.compile("Secret key: +(sk_test_[A-Za-z0-9]+)").matcher(first.toString(StandardCharsets.UTF_8));
                assertThat(m.find()).as(first.toString(StandardCharsets.UTF_8)).isTrue();
                secretKey = m.group(1);
                assertThat(first.toString(StandardCharsets.UTF_8)).contains("Publishable key: pk_test_");
                assertThat(status(p.port(), secretKey)).isEqualTo(200);
            }
            ByteArrayOutputStream second = new ByteArrayOutputStream();
            try (Pinstripe p = Pinstripe.start(settings(db.url()), ManualClock.atTheStartOf2026(),
                    new PrintStream(second, true, StandardCharsets.UTF_8))) {
                assertThat(second.toString(StandardCharsets.UTF_8)).doesNotContain("sk_test_");
                assertThat(status(p.port(), secretKey)).isEqualTo(200);
            }
        }
    }

    @Test
    void theServerRegistersItsRecurringJobsAsClusterSafeTasks() throws Exception {
        try (TestDatabases.TestDatabase db = TestDatabases.create()) {
            Settings d = settings(db.url());
            Settings withJobs = new Settings(d.host(), 0, d.dataDir(), db.url(), null, false, 4, d.bodyBytesMax(),
                    d.idempotencyRetention(), d.idempotencyLease(), true, d.webhooks(), false, d.requestLogRetention(),
                d.limits(), true, null);
            try (Pinstripe p = Pinstripe.start(withJobs, ManualClock.atTheStartOf2026(),
                    new PrintStream(new ByteArrayOutputStream()))) {
                java.util.List<String> tasks = p.database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT task_name FROM scheduled_tasks").mapTo(String.class).list());
                assertThat(tasks).containsExactlyInAnyOrder("idempotency-key-reaper", "balance-available-announcer",
                        "request-log-reaper", "radar-history-reaper");
            }
        }
    }

    @Test
    void theCliCreatesAccountsAndKeysThatAuthenticate() throws Exception {
        try (TestDatabases.TestDatabase db = TestDatabases.create()) {
            String accountOutput = run("accounts", "create", "--database-url", db.url());
            Matcher account = Pattern.compile("Account: +(acct_[A-Za-z0-9]+)").matcher(accountOutput);
            assertThat(account.find()).as(accountOutput).isTrue();
            String liveKey = run("keys", "create", "--account", account.group(1), "--live", "--database-url", db.url()).trim();
            assertThat(liveKey).startsWith("sk_live_");
            try (Pinstripe p = Pinstripe.start(settings(db.url()), ManualClock.atTheStartOf2026(),
                    new PrintStream(new ByteArrayOutputStream()))) {
                assertThat(status(p.port(), liveKey)).isEqualTo(200);
            }
            assertThat(run("migrate", "--database-url", db.url())).contains("up to date");
        }
    }

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new Main()).execute(args);
            assertThat(code).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
