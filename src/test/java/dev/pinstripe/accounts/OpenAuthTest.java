package dev.pinstripe.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.AuthenticationException;
import com.stripe.model.Customer;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import dev.pinstripe.testing.TestServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PINSTRIPE_AUTH=open: every unseen sk_test_ key gets its own isolated account, as stripe-mock accepts any key. */
class OpenAuthTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.startOpenAuth();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void differentKeysGetIsolatedAccountsAndTheSameKeyKeepsItsAccount() throws Exception {
        var alice = server.stripe("sk_test_alice_job_1");
        var bob = server.stripe("sk_test_bob_job_2");
        Customer a = alice.v1().customers().create(CustomerCreateParams.builder().setEmail("a@example.com").build());
        assertThat(bob.v1().customers().list(CustomerListParams.builder().build()).getData()).isEmpty();
        assertThat(alice.v1().customers().list(CustomerListParams.builder().build()).getData())
                .extracting(Customer::getId).containsExactly(a.getId());
        assertThat(server.stripe("sk_test_alice_job_1").v1().customers().retrieve(a.getId()).getEmail())
                .isEqualTo("a@example.com");
    }

    @Test
    void concurrentFirstRequestsWithANewKeyShareOneAccount() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 12; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return server.stripe("sk_test_racing_key").v1().customers()
                            .create(CustomerCreateParams.builder().setName("r" + n).build()).getId();
                }));
            }
            go.countDown();
            Set<String> ids = new HashSet<>();
            for (Future<String> f : futures) {
                ids.add(f.get());
            }
            assertThat(ids).hasSize(12);
        }
        assertThat(server.stripe("sk_test_racing_key").v1().customers()
                .list(CustomerListParams.builder().setLimit(100L).build()).getData()).hasSize(12);
    }

    @Test
    void liveAndPublishableKeysAreNotCreatedOnTheFly() {
        assertThatThrownBy(() -> server.stripe("sk_live_unknown").v1().customers().list(CustomerListParams.builder().build()))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> server.stripe("pk_test_unknown").v1().customers().list(CustomerListParams.builder().build()))
                .isInstanceOf(AuthenticationException.class);
    }
}
