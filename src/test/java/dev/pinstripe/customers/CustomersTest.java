package dev.pinstripe.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.StripeCollection;
import com.stripe.model.StripeSearchResult;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.CustomerRetrieveParams;
import com.stripe.param.CustomerSearchParams;
import com.stripe.param.CustomerUpdateParams;
import dev.pinstripe.accounts.AccountService;
import dev.pinstripe.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Customers and the API conventions, driven by the official stripe-java client. */
class CustomersTest {
    static TestServer server;
    static StripeClient stripe;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        stripe = server.stripe();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aCreatedCustomerHasStripesShapeAndCanBeRetrieved() throws StripeException {
        Customer created = stripe.v1().customers().create(CustomerCreateParams.builder()
                .setEmail("jenny.rosen@example.com")
                .setName("Jenny Rosen")
                .setPhone("+15555550100")
                .setDescription("first customer")
                .setAddress(CustomerCreateParams.Address.builder().setCity("Paris").setCountry("FR").build())
                .setShipping(CustomerCreateParams.Shipping.builder().setName("Jenny")
                        .setAddress(CustomerCreateParams.Shipping.Address.builder().setLine1("1 rue X").build()).build())
                .addPreferredLocale("fr")
                .putMetadata("order", "42")
                .build());

        assertThat(created.getId()).matches("cus_[A-Za-z0-9]{14}");
        assertThat(created.getObject()).isEqualTo("customer");
        assertThat(created.getLivemode()).isFalse();
        assertThat(created.getCreated()).isEqualTo(server.clock.instant().getEpochSecond());
        assertThat(created.getBalance()).isZero();
        assertThat(created.getDelinquent()).isFalse();
        assertThat(created.getInvoicePrefix()).matches("[0-9A-F]{8}");
        assertThat(created.getNextInvoiceSequence()).isEqualTo(1L);
        assertThat(created.getTaxExempt()).isEqualTo("none");
        assertThat(created.getMetadata()).isEqualTo(Map.of("order", "42"));
        assertThat(created.getAddress().getCity()).isEqualTo("Paris");
        assertThat(created.getShipping().getAddress().getLine1()).isEqualTo("1 rue X");
        assertThat(created.getPreferredLocales()).containsExactly("fr");
        assertThat(created.getInvoiceSettings().getCustomFields()).isNull();

        Customer retrieved = stripe.v1().customers().retrieve(created.getId());
        assertThat(retrieved.getRawJsonObject()).isEqualTo(created.getRawJsonObject());
    }

    @Test
    void updatesChangeOnlyWhatIsSentAndEmptyValuesUnset() throws StripeException {
        Customer c = stripe.v1().customers().create(CustomerCreateParams.builder()
                .setEmail("before@example.com").setDescription("keep me").putMetadata("a", "1").putMetadata("b", "2")
                .build());
        Customer updated = stripe.v1().customers().update(c.getId(), CustomerUpdateParams.builder()
                .setEmail("after@example.com")
                .setPhone(com.stripe.param.common.EmptyParam.EMPTY)
                .putMetadata("b", null)
                .putMetadata("c", "3")
                .build());
        assertThat(updated.getEmail()).isEqualTo("after@example.com");
        assertThat(updated.getDescription()).isEqualTo("keep me");
        assertThat(updated.getPhone()).isNull();
        assertThat(updated.getMetadata()).isEqualTo(Map.of("a", "1", "c", "3"));
        assertThat(stripe.v1().customers().retrieve(c.getId()).getMetadata()).isEqualTo(Map.of("a", "1", "c", "3"));
    }

    @Test
    void deletedCustomersAreStubsThatCanBeRetrievedButNotChanged() throws StripeException {
        Customer c = stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("gone@example.com").build());
        Customer deleted = stripe.v1().customers().delete(c.getId());
        assertThat(deleted.getDeleted()).isTrue();
        assertThat(deleted.getId()).isEqualTo(c.getId());

        Customer again = stripe.v1().customers().retrieve(c.getId());
        assertThat(again.getDeleted()).isTrue();
        assertThat(again.getEmail()).isNull();

        assertThatThrownBy(() -> stripe.v1().customers().update(c.getId(),
                CustomerUpdateParams.builder().setName("x").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                });
        assertThatThrownBy(() -> stripe.v1().customers().delete(c.getId()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("resource_missing"));
        assertThat(stripe.v1().customers().list(CustomerListParams.builder().setEmail("gone@example.com").build())
                .getData()).isEmpty();
    }

    @Test
    void unknownCustomersAreResourceMissingWithTheIdParam() {
        assertThatThrownBy(() -> stripe.v1().customers().retrieve("cus_doesnotexist"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                    assertThat(e.getParam()).isEqualTo("id");
                    assertThat(e.getStripeError().getMessage()).isEqualTo("No such customer: 'cus_doesnotexist'");
                });
    }

    @Test
    void listsAreNewestFirstAndStableForCustomersCreatedInTheSameSecond() throws StripeException {
        TestServer own = TestServer.start();
        try {
            StripeClient client = own.stripe();
            List<String> created = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                created.add(client.v1().customers().create(CustomerCreateParams.builder().build()).getId());
            }
            List<String> newestFirst = created.reversed();

            StripeCollection<Customer> first = client.v1().customers().list(
                    CustomerListParams.builder().setLimit(10L).build());
            assertThat(first.getData()).extracting(Customer::getId).containsExactlyElementsOf(newestFirst.subList(0, 10));
            assertThat(first.getHasMore()).isTrue();
            assertThat(first.getUrl()).isEqualTo("/v1/customers");

            List<String> all = new ArrayList<>();
            first.autoPagingIterable().forEach(c -> all.add(c.getId()));
            assertThat(all).containsExactlyElementsOf(newestFirst);

            StripeCollection<Customer> before = client.v1().customers().list(CustomerListParams.builder()
                    .setEndingBefore(newestFirst.get(15)).setLimit(5L).build());
            assertThat(before.getData()).extracting(Customer::getId)
                    .containsExactlyElementsOf(newestFirst.subList(10, 15));
            assertThat(before.getHasMore()).isTrue();

            StripeCollection<Customer> last = client.v1().customers().list(CustomerListParams.builder()
                    .setStartingAfter(newestFirst.get(19)).setLimit(10L).build());
            assertThat(last.getData()).extracting(Customer::getId).containsExactlyElementsOf(newestFirst.subList(20, 25));
            assertThat(last.getHasMore()).isFalse();
        } finally {
            own.close();
        }
    }

    @Test
    void listsFilterByCreatedAndEmail() throws StripeException {
        TestServer own = TestServer.start();
        try {
            StripeClient client = own.stripe();
            long t0 = own.clock.instant().getEpochSecond();
            Customer early = client.v1().customers().create(CustomerCreateParams.builder().setEmail("e@x.com").build());
            own.clock.advance(Duration.ofHours(1));
            Customer late = client.v1().customers().create(CustomerCreateParams.builder().setEmail("E@x.com").build());

            assertThat(client.v1().customers().list(CustomerListParams.builder().setCreated(
                    CustomerListParams.Created.builder().setGt(t0).build()).build()).getData())
                    .extracting(Customer::getId).containsExactly(late.getId());
            assertThat(client.v1().customers().list(CustomerListParams.builder().setCreated(t0).build()).getData())
                    .extracting(Customer::getId).containsExactly(early.getId());
            assertThat(client.v1().customers().list(CustomerListParams.builder().setEmail("e@x.com").build())
                    .getData()).extracting(Customer::getId).containsExactly(early.getId());
        } finally {
            own.close();
        }
    }

    @Test
    void searchFindsByEmailNameMetadataAndCreatedAndPagesThroughResults() throws StripeException {
        TestServer own = TestServer.start();
        try {
            StripeClient client = own.stripe();
            for (int i = 0; i < 5; i++) {
                client.v1().customers().create(CustomerCreateParams.builder().setName("Ada Lovelace " + i)
                        .setEmail("ada" + i + "@example.com").putMetadata("team", i % 2 == 0 ? "even" : "odd").build());
                own.clock.advance(Duration.ofSeconds(10));
            }
            client.v1().customers().create(CustomerCreateParams.builder().setName("Grace Hopper").build());

            StripeSearchResult<Customer> byEmail = client.v1().customers().search(
                    CustomerSearchParams.builder().setQuery("email:'ada3@example.com'").build());
            assertThat(byEmail.getData()).extracting(Customer::getName).containsExactly("Ada Lovelace 3");
            assertThat(byEmail.getObject()).isEqualTo("search_result");
            assertThat(byEmail.getUrl()).isEqualTo("/v1/customers/search");

            assertThat(client.v1().customers().search(CustomerSearchParams.builder()
                    .setQuery("metadata['team']:'even' AND name~'lovelace'").build()).getData()).hasSize(3);

            long cutoff = own.clock.instant().getEpochSecond() - 25;
            assertThat(client.v1().customers().search(CustomerSearchParams.builder()
                    .setQuery("created>" + cutoff + " AND -name:'Grace Hopper'").build()).getData())
                    .extracting(Customer::getName).containsExactly("Ada Lovelace 4", "Ada Lovelace 3");

            StripeSearchResult<Customer> page = client.v1().customers().search(CustomerSearchParams.builder()
                    .setQuery("name~'Lovelace'").setLimit(2L).build());
            assertThat(page.getHasMore()).isTrue();
            assertThat(page.getNextPage()).isNotBlank();
            List<String> names = new ArrayList<>();
            page.autoPagingIterable().forEach(c -> names.add(c.getName()));
            assertThat(names).containsExactly("Ada Lovelace 4", "Ada Lovelace 3", "Ada Lovelace 2", "Ada Lovelace 1",
                    "Ada Lovelace 0");

            assertThatThrownBy(() -> client.v1().customers().search(CustomerSearchParams.builder()
                    .setQuery("planet:'mars'").build()))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(400);
                        assertThat(e.getParam()).isEqualTo("query");
                    });
        } finally {
            own.close();
        }
    }

    @Test
    void includableFieldsAppearOnlyWhenExpanded() throws StripeException {
        Customer c = stripe.v1().customers().create(CustomerCreateParams.builder().build());
        assertThat(c.getRawJsonObject().has("tax_ids")).isFalse();
        Customer expanded = stripe.v1().customers().retrieve(c.getId(), CustomerRetrieveParams.builder()
                .addExpand("tax_ids").addExpand("sources").addExpand("default_source").addExpand("cash_balance").build(),
                null);
        assertThat(expanded.getTaxIds().getData()).isEmpty();
        assertThat(expanded.getSources().getUrl()).isEqualTo("/v1/customers/" + c.getId() + "/sources");
        assertThat(expanded.getCashBalance().getCustomer()).isEqualTo(c.getId());
        assertThat(expanded.getDefaultSource()).isNull();
    }

    @Test
    void expandingAPropertyThatIsNotExpandableIsRejected() {
        assertThatThrownBy(() -> stripe.v1().customers().create(CustomerCreateParams.builder()
                .addExpand("email").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e ->
                        assertThat(e.getStripeError().getMessage()).isEqualTo("This property cannot be expanded (email)."));
        assertThatThrownBy(() -> stripe.v1().customers().list(CustomerListParams.builder()
                .addExpand("a.b.c.d.e").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e ->
                        assertThat(e.getCode()).isEqualTo("property_expansion_max_depth"));
    }

    @Test
    void oneAccountNeverSeesOrChangesAnothersCustomers() throws StripeException {
        AccountService.NewAccount other = server.newAccount();
        StripeClient otherClient = server.stripe(other.secretKey());
        Customer mine = stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("mine@example.com").build());

        assertThatThrownBy(() -> otherClient.v1().customers().retrieve(mine.getId()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
        assertThatThrownBy(() -> otherClient.v1().customers().update(mine.getId(),
                CustomerUpdateParams.builder().setName("stolen").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
        assertThatThrownBy(() -> otherClient.v1().customers().delete(mine.getId()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
        assertThat(otherClient.v1().customers().list(CustomerListParams.builder().setEmail("mine@example.com").build())
                .getData()).isEmpty();
        assertThat(stripe.v1().customers().retrieve(mine.getId()).getName()).isNull();
    }

    @Test
    void theSameIdempotencyKeyReplaysTheFirstResponseThroughTheSdk() throws StripeException {
        RequestOptions options = RequestOptions.builder().setIdempotencyKey("sdk-key-1").build();
        CustomerCreateParams params = CustomerCreateParams.builder().setEmail("once@example.com").build();
        Customer first = stripe.v1().customers().create(params, options);
        Customer second = stripe.v1().customers().create(params, options);
        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(second.getLastResponse().headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(stripe.v1().customers().list(CustomerListParams.builder().setEmail("once@example.com").build())
                .getData()).hasSize(1);
    }

    @Test
    void parametersPinstripeDoesNotSupportYetAreRejectedClearly() {
        assertThatThrownBy(() -> stripe.v1().customers().create(CustomerCreateParams.builder().setBalance(100L).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getParam()).isEqualTo("balance");
                    assertThat(e.getStripeError().getMessage()).contains("does not support this Stripe parameter yet");
                });
    }

    @Test
    void invalidValuesNameTheirParameter() {
        assertThatThrownBy(() -> stripe.v1().customers().create(CustomerCreateParams.builder()
                .setInvoicePrefix("lower").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("invoice_prefix"));
        assertThatThrownBy(() -> stripe.v1().customers().create(CustomerCreateParams.builder()
                .setEmail("x".repeat(513)).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("email"));
    }

    @Test
    void aChosenInvoicePrefixMustBeFreeInTheAccount() throws StripeException {
        stripe.v1().customers().create(CustomerCreateParams.builder().setInvoicePrefix("ACME1").build());
        assertThatThrownBy(() -> stripe.v1().customers().create(CustomerCreateParams.builder()
                .setInvoicePrefix("ACME1").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("invoice_prefix"));
    }

    @Test
    void invoicePrefixesAreUniquePerModeSoTestDataNeverRevealsLiveData() throws StripeException {
        AccountService.NewAccount account = server.newAccount();
        String liveKey = server.pinstripe().accounts().createKey(account.accountId(),
                dev.pinstripe.accounts.ApiKeys.Kind.SECRET, true);
        Customer live = server.stripe(liveKey).v1().customers().create(CustomerCreateParams.builder()
                .setInvoicePrefix("LIVEONE").build());
        assertThat(live.getLivemode()).isTrue();
        Customer test = server.stripe(account.secretKey()).v1().customers().create(CustomerCreateParams.builder()
                .setInvoicePrefix("LIVEONE").build());
        assertThat(test.getLivemode()).isFalse();
        assertThatThrownBy(() -> server.stripe(account.secretKey()).v1().customers().retrieve(live.getId()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }

    @Test
    void searchReportsTheTotalCountWhenExpanded() throws StripeException {
        TestServer own = TestServer.start();
        try {
            StripeClient client = own.stripe();
            for (int i = 0; i < 3; i++) {
                client.v1().customers().create(CustomerCreateParams.builder().setName("Counted " + i).build());
            }
            StripeSearchResult<Customer> result = client.v1().customers().search(CustomerSearchParams.builder()
                    .setQuery("name~'Counted'").setLimit(1L).addExpand("total_count").build());
            assertThat(result.getData()).hasSize(1);
            assertThat(result.getRawJsonObject().get("total_count").getAsLong()).isEqualTo(3);
        } finally {
            own.close();
        }
    }

    @Test
    void nameDefaultsToTheBusinessNameAndThenTheIndividualName() throws StripeException {
        Customer business = stripe.v1().customers().create(CustomerCreateParams.builder()
                .setBusinessName("Acme Ltd").setIndividualName("Wile").build());
        assertThat(business.getName()).isEqualTo("Acme Ltd");
        Customer individual = stripe.v1().customers().create(CustomerCreateParams.builder()
                .setIndividualName("Wile").build());
        assertThat(individual.getName()).isEqualTo("Wile");
    }
}
