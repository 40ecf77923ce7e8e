package dev.pinstripe.radar.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeCollection;
import com.stripe.model.radar.ValueList;
import com.stripe.model.radar.ValueListItem;
import com.stripe.param.radar.ValueListCreateParams;
import com.stripe.param.radar.ValueListItemCreateParams;
import com.stripe.param.radar.ValueListItemListParams;
import com.stripe.param.radar.ValueListListParams;
import com.stripe.param.radar.ValueListUpdateParams;
import dev.pinstripe.accounts.AccountService;
import dev.pinstripe.accounts.ApiKeys;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.Scope;
import dev.pinstripe.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/radar/value_lists} and {@code /v1/radar/value_list_items} through stripe-java, and {@link ValueLists}. */
class ValueListsApiTest {
    static TestServer server;
    static Jdbi jdbi;
    static final ValueLists LISTS = new ValueLists();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        jdbi = server.pinstripe().database().jdbi();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A fresh account, its client and its test-mode scope, so tests never see each other's lists. */
    private record Account(String id, String key, StripeClient stripe, Scope scope) {}

    private static Account account() {
        AccountService.NewAccount a = server.newAccount();
        return new Account(a.accountId(), a.secretKey(), server.stripe(a.secretKey()), new Scope(a.accountId(), false));
    }

    private static ValueList list(StripeClient stripe, String alias, ValueListCreateParams.ItemType type)
            throws StripeException {
        ValueListCreateParams.Builder b = ValueListCreateParams.builder().setAlias(alias).setName("List " + alias);
        if (type != null) {
            b.setItemType(type);
        }
        return stripe.v1().radar().valueLists().create(b.build());
    }

    private static ValueListItem item(StripeClient stripe, String valueList, String value) throws StripeException {
        return stripe.v1().radar().valueListItems().create(ValueListItemCreateParams.builder()
                .setValueList(valueList).setValue(value).build());
    }

    private static boolean contains(Account a, String alias, String value) {
        return jdbi.withHandle(h -> LISTS.contains(h, a.scope(), alias, value));
    }

    /** A raw GET with the account's key, for what stripe-java does not show (total_count, field order). */
    private static HttpResponse<String> get(Account a, String pathAndQuery) {
        return server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + a.key()).GET());
    }

    private static JsonNode getJson(Account a, String pathAndQuery) {
        HttpResponse<String> response = get(a, pathAndQuery);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    private static java.util.Set<String> missingAliases(Account a, List<String> aliases) {
        return jdbi.withHandle(h -> LISTS.missingAliases(h, a.scope(), aliases));
    }

    /** Asserts a 400/404 invalid_request_error with this code and param. */
    private static void assertError(ThrowingCallable call, int status, String code, String param) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(status);
            assertThat(e.getStripeError().getType()).isEqualTo("invalid_request_error");
            assertThat(e.getCode()).isEqualTo(code);
            assertThat(e.getParam()).isEqualTo(param);
        });
    }

    @Test
    void aValueListIsCreatedRetrievedUpdatedAndDeletedAsStripeDoes() throws StripeException {
        Account a = account();
        ValueList created = a.stripe().v1().radar().valueLists().create(ValueListCreateParams.builder()
                .setAlias("custom_ip_blocklist").setName("Custom IP Blocklist")
                .setItemType(ValueListCreateParams.ItemType.IP_ADDRESS).putMetadata("team", "fraud").build());
        assertThat(created.getId()).startsWith("rsl_");
        assertThat(created.getObject()).isEqualTo("radar.value_list");
        assertThat(created.getAlias()).isEqualTo("custom_ip_blocklist");
        assertThat(created.getName()).isEqualTo("Custom IP Blocklist");
        assertThat(created.getItemType()).isEqualTo("ip_address");
        assertThat(created.getCreatedBy()).isEqualTo("API");
        assertThat(created.getCreated()).isEqualTo(server.clock.instant().getEpochSecond());
        assertThat(created.getLivemode()).isFalse();
        assertThat(created.getMetadata()).containsExactly(java.util.Map.entry("team", "fraud"));
        assertThat(created.getListItems().getData()).isEmpty();
        assertThat(created.getListItems().getHasMore()).isFalse();
        assertThat(created.getListItems().getUrl()).isEqualTo("/v1/radar/value_list_items?value_list=" + created.getId());

        JsonNode json = getJson(a, "/v1/radar/value_lists/" + created.getId());
        assertThat(json.path("list_items").path("total_count").asLong()).isZero();
        List<String> fields = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "object", "alias", "created", "created_by", "item_type", "list_items",
                "livemode", "metadata", "name");

        ValueList updated = a.stripe().v1().radar().valueLists().update(created.getId(), ValueListUpdateParams.builder()
                .setAlias("ip_blocklist_v2").setName("Renamed").putMetadata("team", "").putMetadata("owner", "ops")
                .build());
        assertThat(updated.getAlias()).isEqualTo("ip_blocklist_v2");
        assertThat(updated.getName()).isEqualTo("Renamed");
        assertThat(updated.getMetadata()).containsExactly(java.util.Map.entry("owner", "ops"));
        assertThat(updated.getItemType()).isEqualTo("ip_address");
        assertThat(a.stripe().v1().radar().valueLists().retrieve(created.getId()).getAlias()).isEqualTo("ip_blocklist_v2");

        ValueList deleted = a.stripe().v1().radar().valueLists().delete(created.getId());
        assertThat(deleted.getId()).isEqualTo(created.getId());
        assertThat(deleted.getDeleted()).isTrue();
        assertThat(deleted.getObject()).isEqualTo("radar.value_list");
        assertError(() -> a.stripe().v1().radar().valueLists().retrieve(created.getId()), 404, "resource_missing", "id");
        assertError(() -> a.stripe().v1().radar().valueLists().delete(created.getId()), 404, "resource_missing", "id");
    }

    @Test
    void theItemTypeDefaultsToStringAndCannotBeChanged() throws StripeException {
        Account a = account();
        ValueList l = list(a.stripe(), "plain", null);
        assertThat(l.getItemType()).isEqualTo("string");
        assertError(() -> a.stripe().v1().radar().valueLists().update(l.getId(), ValueListUpdateParams.builder()
                .putExtraParam("item_type", "email").build()), 400, "parameter_unknown", "item_type");
        assertThat(a.stripe().v1().radar().valueLists().retrieve(l.getId()).getItemType()).isEqualTo("string");
    }

    @Test
    void itemsAreCreatedRetrievedListedAndDeletedAndTheListShowsItsFirstTen() throws StripeException {
        Account a = account();
        ValueList l = list(a.stripe(), "blocked_emails", ValueListCreateParams.ItemType.EMAIL);
        ValueListItem first = item(a.stripe(), l.getId(), "Fraudster@Example.com");
        assertThat(first.getId()).startsWith("rsli_");
        assertThat(first.getObject()).isEqualTo("radar.value_list_item");
        assertThat(first.getValue()).isEqualTo("Fraudster@Example.com");
        assertThat(first.getValueList()).isEqualTo(l.getId());
        assertThat(first.getCreatedBy()).isEqualTo("API");
        assertThat(first.getLivemode()).isFalse();
        assertThat(a.stripe().v1().radar().valueListItems().retrieve(first.getId()).getValue())
                .isEqualTo("Fraudster@Example.com");

        for (int i = 1; i <= 11; i++) {
            server.clock.advance(Duration.ofSeconds(1));
            item(a.stripe(), l.getId(), "user" + i + "@example.com");
        }
        ValueList withItems = a.stripe().v1().radar().valueLists().retrieve(l.getId());
        assertThat(withItems.getListItems().getData()).hasSize(10);
        assertThat(withItems.getListItems().getData().getFirst().getValue()).isEqualTo("user11@example.com");
        assertThat(withItems.getListItems().getHasMore()).isTrue();
        JsonNode raw = getJson(a, "/v1/radar/value_lists/" + l.getId());
        assertThat(raw.path("list_items").path("total_count").asLong()).isEqualTo(12);

        ValueListItem deleted = a.stripe().v1().radar().valueListItems().delete(first.getId());
        assertThat(deleted.getId()).isEqualTo(first.getId());
        assertThat(deleted.getDeleted()).isTrue();
        assertThat(deleted.getObject()).isEqualTo("radar.value_list_item");
        assertError(() -> a.stripe().v1().radar().valueListItems().retrieve(first.getId()), 404, "resource_missing",
                "id");
        assertError(() -> a.stripe().v1().radar().valueListItems().delete(first.getId()), 404, "resource_missing", "id");
        assertThat(contains(a, "blocked_emails", "fraudster@example.com")).isFalse();
        JsonNode afterDelete = getJson(a, "/v1/radar/value_lists/" + l.getId());
        assertThat(afterDelete.path("list_items").path("total_count").asLong()).isEqualTo(11);
        // A deleted item's value can be added again.
        assertThat(item(a.stripe(), l.getId(), "fraudster@example.com").getId()).isNotEqualTo(first.getId());
    }

    @Test
    void listingValueListsFiltersByAliasContainsAndCreatedAndPaginates() throws StripeException {
        Account a = account();
        long start = server.clock.instant().getEpochSecond();
        ValueList strings = list(a.stripe(), "words", ValueListCreateParams.ItemType.STRING);
        server.clock.advance(Duration.ofSeconds(10));
        ValueList exact = list(a.stripe(), "exact_words", ValueListCreateParams.ItemType.CASE_SENSITIVE_STRING);
        server.clock.advance(Duration.ofSeconds(10));
        ValueList countries = list(a.stripe(), "countries", ValueListCreateParams.ItemType.COUNTRY);
        item(a.stripe(), strings.getId(), "Casino");
        item(a.stripe(), exact.getId(), "Casino");
        item(a.stripe(), countries.getId(), "GB");

        StripeCollection<ValueList> firstPage = a.stripe().v1().radar().valueLists().list(ValueListListParams.builder()
                .setLimit(2L).build());
        assertThat(firstPage.getData()).extracting(ValueList::getId).containsExactly(countries.getId(), exact.getId());
        assertThat(firstPage.getHasMore()).isTrue();
        StripeCollection<ValueList> secondPage = a.stripe().v1().radar().valueLists().list(ValueListListParams.builder()
                .setLimit(2L).setStartingAfter(exact.getId()).build());
        assertThat(secondPage.getData()).extracting(ValueList::getId).containsExactly(strings.getId());
        assertThat(secondPage.getHasMore()).isFalse();
        assertThat(secondPage.getData().getFirst().getListItems().getData()).extracting(ValueListItem::getValue)
                .containsExactly("Casino");
        assertThat(a.stripe().v1().radar().valueLists().list(ValueListListParams.builder()
                .setEndingBefore(strings.getId()).build()).getData()).extracting(ValueList::getId)
                .containsExactly(countries.getId(), exact.getId());

        assertThat(a.stripe().v1().radar().valueLists().list(ValueListListParams.builder().setAlias("exact_words")
                .build()).getData()).extracting(ValueList::getId).containsExactly(exact.getId());
        // "casino" is in the case-insensitive list only; "gb" is a country in either case.
        assertThat(a.stripe().v1().radar().valueLists().list(ValueListListParams.builder().setContains("casino")
                .build()).getData()).extracting(ValueList::getId).containsExactly(strings.getId());
        assertThat(a.stripe().v1().radar().valueLists().list(ValueListListParams.builder().setContains("Casino")
                .build()).getData()).extracting(ValueList::getId).containsExactly(exact.getId(), strings.getId());
        assertThat(a.stripe().v1().radar().valueLists().list(ValueListListParams.builder().setContains("gb")
                .build()).getData()).extracting(ValueList::getId).containsExactly(countries.getId());
        assertThat(a.stripe().v1().radar().valueLists().list(ValueListListParams.builder().setContains("nothing")
                .build()).getData()).isEmpty();
        assertThat(a.stripe().v1().radar().valueLists().list(ValueListListParams.builder()
                .setCreated(ValueListListParams.Created.builder().setGte(start + 5).setLte(start + 15).build())
                .build()).getData()).extracting(ValueList::getId).containsExactly(exact.getId());
    }

    @Test
    void listingItemsNeedsItsListAndFiltersByValueAndCreated() throws StripeException {
        Account a = account();
        ValueList l = list(a.stripe(), "ips", ValueListCreateParams.ItemType.IP_ADDRESS);
        long start = server.clock.instant().getEpochSecond();
        ValueListItem one = item(a.stripe(), l.getId(), "10.0.0.1");
        server.clock.advance(Duration.ofSeconds(5));
        ValueListItem two = item(a.stripe(), l.getId(), "10.0.0.2");
        server.clock.advance(Duration.ofSeconds(5));
        ValueListItem six = item(a.stripe(), l.getId(), "2001:DB8::6");
        ValueList other = list(a.stripe(), "other_ips", ValueListCreateParams.ItemType.IP_ADDRESS);
        item(a.stripe(), other.getId(), "10.0.0.3");

        assertThat(a.stripe().v1().radar().valueListItems().list(ValueListItemListParams.builder()
                .setValueList(l.getId()).build()).getData()).extracting(ValueListItem::getId)
                .containsExactly(six.getId(), two.getId(), one.getId());
        StripeCollection<ValueListItem> page = a.stripe().v1().radar().valueListItems().list(
                ValueListItemListParams.builder().setValueList(l.getId()).setLimit(1L).setStartingAfter(six.getId())
                        .build());
        assertThat(page.getData()).extracting(ValueListItem::getId).containsExactly(two.getId());
        assertThat(page.getHasMore()).isTrue();
        assertThat(a.stripe().v1().radar().valueListItems().list(ValueListItemListParams.builder()
                .setValueList(l.getId()).setValue("10.0.0").build()).getData()).extracting(ValueListItem::getId)
                .containsExactly(two.getId(), one.getId());
        assertThat(a.stripe().v1().radar().valueListItems().list(ValueListItemListParams.builder()
                .setValueList(l.getId()).setValue("db8").build()).getData()).extracting(ValueListItem::getId)
                .containsExactly(six.getId());
        // LIKE's wildcards are plain characters in the filter.
        assertThat(a.stripe().v1().radar().valueListItems().list(ValueListItemListParams.builder()
                .setValueList(l.getId()).setValue("10_0").build()).getData()).isEmpty();
        assertThat(a.stripe().v1().radar().valueListItems().list(ValueListItemListParams.builder()
                .setValueList(l.getId()).setCreated(start + 5).build()).getData()).extracting(ValueListItem::getId)
                .containsExactly(two.getId());

        HttpResponse<String> missing = get(a, "/v1/radar/value_list_items");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(Json.parse(missing.body()).path("error").path("code").asText()).isEqualTo("parameter_missing");
        assertThat(Json.parse(missing.body()).path("error").path("param").asText()).isEqualTo("value_list");
        assertError(() -> a.stripe().v1().radar().valueListItems().list(ValueListItemListParams.builder()
                .setValueList("rsl_nope").build()), 404, "resource_missing", "value_list");
    }

    @Test
    void deletingAListDeletesItsItemsAndFreesItsAlias() throws StripeException {
        Account a = account();
        ValueList l = list(a.stripe(), "doomed", ValueListCreateParams.ItemType.CUSTOMER_ID);
        ValueListItem i1 = item(a.stripe(), l.getId(), "cus_One");
        ValueListItem i2 = item(a.stripe(), l.getId(), "cus_Two");
        assertThat(contains(a, "doomed", "cus_One")).isTrue();

        a.stripe().v1().radar().valueLists().delete(l.getId());
        for (ValueListItem i : List.of(i1, i2)) {
            assertError(() -> a.stripe().v1().radar().valueListItems().retrieve(i.getId()), 404, "resource_missing",
                    "id");
        }
        assertError(() -> item(a.stripe(), l.getId(), "cus_Three"), 404, "resource_missing", "value_list");
        assertError(() -> a.stripe().v1().radar().valueListItems().list(ValueListItemListParams.builder()
                .setValueList(l.getId()).build()), 404, "resource_missing", "value_list");
        assertThat(contains(a, "doomed", "cus_One")).isFalse();
        long live = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM radar_value_list_items"
                + " WHERE value_list = :id AND deleted_at IS NULL").bind("id", l.getId()).mapTo(Long.class).one());
        assertThat(live).isZero();

        ValueList again = list(a.stripe(), "doomed", ValueListCreateParams.ItemType.CUSTOMER_ID);
        assertThat(again.getId()).isNotEqualTo(l.getId());
        assertThat(again.getListItems().getData()).isEmpty();
        assertThat(contains(a, "doomed", "cus_One")).isFalse();
        // The deleted list still marks a place in pagination, as other deleted objects do.
        assertThat(a.stripe().v1().radar().valueLists().list(ValueListListParams.builder()
                .setEndingBefore(l.getId()).build()).getData()).extracting(ValueList::getId)
                .containsExactly(again.getId());
    }

    @Test
    void valueListParametersAreValidatedWithStripesErrors() throws StripeException {
        Account a = account();
        assertError(() -> a.stripe().v1().radar().valueLists().create(ValueListCreateParams.builder()
                .setName("No alias").build()), 400, "parameter_missing", "alias");
        assertError(() -> a.stripe().v1().radar().valueLists().create(ValueListCreateParams.builder()
                .setAlias("no_name").build()), 400, "parameter_missing", "name");
        assertError(() -> list(a.stripe(), "has-dash", null), 400, "parameter_invalid", "alias");
        assertError(() -> list(a.stripe(), "has space", null), 400, "parameter_invalid", "alias");
        assertError(() -> list(a.stripe(), "a".repeat(101), null), 400, null, "alias");
        assertError(() -> a.stripe().v1().radar().valueLists().create(ValueListCreateParams.builder()
                .setAlias("long_name").setName("n".repeat(101)).build()), 400, null, "name");
        assertError(() -> a.stripe().v1().radar().valueLists().create(ValueListCreateParams.builder()
                .setAlias("bad_type").setName("Bad type").putExtraParam("item_type", "phone").build()), 400, null,
                "item_type");

        ValueList taken = list(a.stripe(), "Taken_1", null);
        assertError(() -> list(a.stripe(), "Taken_1", ValueListCreateParams.ItemType.EMAIL), 400,
                "resource_already_exists", "alias");
        // Aliases are case-sensitive, as rules spell them.
        assertThat(list(a.stripe(), "taken_1", null).getAlias()).isEqualTo("taken_1");
        ValueList other = list(a.stripe(), "other", null);
        assertError(() -> a.stripe().v1().radar().valueLists().update(other.getId(), ValueListUpdateParams.builder()
                .setAlias("Taken_1").build()), 400, "resource_already_exists", "alias");
        assertThat(a.stripe().v1().radar().valueLists().retrieve(other.getId()).getAlias()).isEqualTo("other");
        assertError(() -> a.stripe().v1().radar().valueLists().update(taken.getId(), ValueListUpdateParams.builder()
                .setName(com.stripe.param.common.EmptyParam.EMPTY).build()), 400, "parameter_invalid", "name");
        assertError(() -> a.stripe().v1().radar().valueLists().update(taken.getId(), ValueListUpdateParams.builder()
                .setAlias("bad alias").build()), 400, "parameter_invalid", "alias");
        assertError(() -> a.stripe().v1().radar().valueLists().retrieve("rsl_missing"), 404, "resource_missing", "id");
    }

    @Test
    void itemValuesAreValidatedByTheListsItemType() throws StripeException {
        Account a = account();
        record Case(ValueListCreateParams.ItemType type, List<String> good, List<String> bad) {}
        List<Case> cases = List.of(
                new Case(ValueListCreateParams.ItemType.COUNTRY, List.of("US", "gb"), List.of("USA", "XX", "U")),
                new Case(ValueListCreateParams.ItemType.IP_ADDRESS, List.of("192.168.0.1", "2001:db8::1", "::1"),
                        List.of("300.1.1.1", "1.2.3", "01.2.3.4", "example.com", "10.0.0.0/8", "fe80::1%eth0")),
                new Case(ValueListCreateParams.ItemType.EMAIL, List.of("jenny@example.com"),
                        List.of("jenny", "jenny@localhost", "a@b@example.com", "jenny @example.com")),
                new Case(ValueListCreateParams.ItemType.CARD_BIN, List.of("424242", "42424242"),
                        List.of("42424", "424242424", "4242ab")),
                new Case(ValueListCreateParams.ItemType.CUSTOMER_ID, List.of("cus_NffrFeUfNV2Hib"),
                        List.of("cust_1", "NffrFeUfNV2Hib", "cus_")),
                new Case(ValueListCreateParams.ItemType.CARD_FINGERPRINT, List.of("Xt5EWLLDS7FJjR1c"),
                        List.of("has space", "x".repeat(65))),
                new Case(ValueListCreateParams.ItemType.STRING, List.of("anything at all", "x".repeat(800)),
                        List.of("x".repeat(801))));
        for (Case c : cases) {
            ValueList l = list(a.stripe(), "v_" + c.type().getValue(), c.type());
            for (String good : c.good()) {
                assertThat(item(a.stripe(), l.getId(), good).getValue()).as(c.type() + " " + good).isEqualTo(good);
            }
            for (String bad : c.bad()) {
                assertThatThrownBy(() -> item(a.stripe(), l.getId(), bad)).as(c.type() + " " + bad)
                        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                            assertThat(e.getStatusCode()).isEqualTo(400);
                            assertThat(e.getParam()).isEqualTo("value");
                        });
            }
        }
        assertError(() -> a.stripe().v1().radar().valueListItems().create(ValueListItemCreateParams.builder()
                .setValue("x").build()), 400, "parameter_missing", "value_list");
        assertError(() -> a.stripe().v1().radar().valueListItems().create(ValueListItemCreateParams.builder()
                .setValueList("rsl_x").build()), 400, "parameter_missing", "value");
        assertError(() -> item(a.stripe(), "rsl_missing", "x"), 404, "resource_missing", "value_list");
    }

    @Test
    void aValueAlreadyInTheListIsRejectedAsItsTypeCompares() throws StripeException {
        Account a = account();
        ValueList words = list(a.stripe(), "words", ValueListCreateParams.ItemType.STRING);
        item(a.stripe(), words.getId(), "Casino");
        assertError(() -> item(a.stripe(), words.getId(), "CASINO"), 400, "resource_already_exists", "value");
        ValueList exact = list(a.stripe(), "exact", ValueListCreateParams.ItemType.CASE_SENSITIVE_STRING);
        item(a.stripe(), exact.getId(), "Casino");
        assertThat(item(a.stripe(), exact.getId(), "CASINO").getValue()).isEqualTo("CASINO");
        assertError(() -> item(a.stripe(), exact.getId(), "Casino"), 400, "resource_already_exists", "value");
        ValueList ips = list(a.stripe(), "ips", ValueListCreateParams.ItemType.IP_ADDRESS);
        item(a.stripe(), ips.getId(), "2001:db8::1");
        assertError(() -> item(a.stripe(), ips.getId(), "2001:DB8:0:0:0:0:0:1"), 400, "resource_already_exists",
                "value");
        JsonNode raw = getJson(a, "/v1/radar/value_lists/" + words.getId());
        assertThat(raw.path("list_items").path("total_count").asLong()).isEqualTo(1);
    }

    @Test
    void aFullListTakesNoMoreItems() throws StripeException {
        Account a = account();
        ValueList l = list(a.stripe(), "full", null);
        jdbi.useHandle(h -> h.createUpdate("UPDATE radar_value_lists SET item_count = :max WHERE id = :id")
                .bind("max", ValueListService.ITEMS_PER_LIST_MAX).bind("id", l.getId()).execute());
        assertError(() -> item(a.stripe(), l.getId(), "one too many"), 400, "parameter_invalid", "value_list");
    }

    @Test
    void anotherAccountOrModeNeverSeesTheLists() throws StripeException {
        Account owner = account();
        Account stranger = account();
        ValueList l = list(owner.stripe(), "private_list", ValueListCreateParams.ItemType.EMAIL);
        ValueListItem i = item(owner.stripe(), l.getId(), "secret@example.com");

        var theirs = stranger.stripe().v1().radar();
        assertError(() -> theirs.valueLists().retrieve(l.getId()), 404, "resource_missing", "id");
        assertError(() -> theirs.valueLists().update(l.getId(), ValueListUpdateParams.builder().setName("Mine").build()),
                404, "resource_missing", "id");
        assertError(() -> theirs.valueLists().delete(l.getId()), 404, "resource_missing", "id");
        assertError(() -> item(stranger.stripe(), l.getId(), "x@example.com"), 404, "resource_missing", "value_list");
        assertError(() -> theirs.valueListItems().retrieve(i.getId()), 404, "resource_missing", "id");
        assertError(() -> theirs.valueListItems().delete(i.getId()), 404, "resource_missing", "id");
        assertError(() -> theirs.valueListItems().list(ValueListItemListParams.builder().setValueList(l.getId())
                .build()), 404, "resource_missing", "value_list");
        assertThat(theirs.valueLists().list().getData()).isEmpty();
        assertThat(contains(stranger, "private_list", "secret@example.com")).isFalse();
        assertThat(list(stranger.stripe(), "private_list", null).getAlias()).isEqualTo("private_list");

        String liveKey = server.pinstripe().accounts().createKey(owner.id(), ApiKeys.Kind.SECRET, true);
        StripeClient live = server.stripe(liveKey);
        assertError(() -> live.v1().radar().valueLists().retrieve(l.getId()), 404, "resource_missing", "id");
        assertThat(live.v1().radar().valueLists().list().getData()).isEmpty();
        ValueList liveList = list(live, "private_list", ValueListCreateParams.ItemType.EMAIL);
        assertThat(liveList.getLivemode()).isTrue();
        boolean inLiveMode = jdbi.withHandle(h -> LISTS.contains(h, new Scope(owner.id(), true), "private_list",
                "secret@example.com"));
        assertThat(inLiveMode).isFalse();
        assertThat(contains(owner, "private_list", "secret@example.com")).isTrue();
        assertThat(owner.stripe().v1().radar().valueLists().retrieve(l.getId()).getName()).isEqualTo("List private_list");
    }

    @Test
    void listItemsCanBeExpandedAndAnItemsValueListCannotAsOnStripe() throws StripeException {
        Account a = account();
        ValueList l = list(a.stripe(), "expandable", null);
        ValueListItem i = item(a.stripe(), l.getId(), "x");
        HttpResponse<String> expanded = get(a, "/v1/radar/value_lists/" + l.getId() + "?expand[]=list_items");
        assertThat(expanded.statusCode()).isEqualTo(200);
        assertThat(Json.parse(expanded.body()).path("list_items").path("data").get(0).path("id").asText())
                .isEqualTo(i.getId());
        HttpResponse<String> notExpandable = get(a, "/v1/radar/value_list_items/" + i.getId() + "?expand[]=value_list");
        assertThat(notExpandable.statusCode()).isEqualTo(400);
        assertThat(Json.parse(notExpandable.body()).path("error").path("message").asText()).contains("value_list");
    }

    @Test
    void containsMatchesAsEachItemTypeCompares() throws StripeException {
        Account a = account();
        StripeClient s = a.stripe();
        item(s, list(s, "strings", ValueListCreateParams.ItemType.STRING).getId(), "Casino Royale");
        item(s, list(s, "exact", ValueListCreateParams.ItemType.CASE_SENSITIVE_STRING).getId(), "Casino Royale");
        item(s, list(s, "emails", ValueListCreateParams.ItemType.EMAIL).getId(), "Jenny.Rosen@Example.com");
        item(s, list(s, "countries", ValueListCreateParams.ItemType.COUNTRY).getId(), "gb");
        String ips = list(s, "ips", ValueListCreateParams.ItemType.IP_ADDRESS).getId();
        item(s, ips, "2001:DB8::1");
        item(s, ips, "192.0.2.7");
        String bins = list(s, "bins", ValueListCreateParams.ItemType.CARD_BIN).getId();
        item(s, bins, "424242");
        item(s, bins, "55555544");
        item(s, list(s, "customers", ValueListCreateParams.ItemType.CUSTOMER_ID).getId(), "cus_AbC");
        item(s, list(s, "cards", ValueListCreateParams.ItemType.CARD_FINGERPRINT).getId(), "Xt5EWLLDS7FJjR1c");

        assertThat(contains(a, "strings", "casino royale")).isTrue();
        assertThat(contains(a, "strings", "CASINO ROYALE")).isTrue();
        assertThat(contains(a, "strings", "Casino")).isFalse();
        assertThat(contains(a, "exact", "Casino Royale")).isTrue();
        assertThat(contains(a, "exact", "casino royale")).isFalse();
        assertThat(contains(a, "emails", "jenny.rosen@example.com")).isTrue();
        assertThat(contains(a, "emails", "jenny.rosen@example.org")).isFalse();
        assertThat(contains(a, "countries", "GB")).isTrue();
        assertThat(contains(a, "countries", "gb")).isTrue();
        assertThat(contains(a, "countries", "US")).isFalse();
        assertThat(contains(a, "ips", "2001:db8:0:0:0:0:0:1")).isTrue();
        assertThat(contains(a, "ips", "2001:db8::2")).isFalse();
        assertThat(contains(a, "ips", "::ffff:192.0.2.7")).isTrue();
        assertThat(contains(a, "ips", "192.0.2.7")).isTrue();
        assertThat(contains(a, "ips", "not an ip")).isFalse();
        assertThat(contains(a, "bins", "424242")).isTrue();
        assertThat(contains(a, "bins", "4242424242424242")).isTrue();
        assertThat(contains(a, "bins", "55555544")).isTrue();
        assertThat(contains(a, "bins", "555555")).isFalse();
        assertThat(contains(a, "bins", "5555554444")).isTrue();
        assertThat(contains(a, "bins", "42424")).isFalse();
        assertThat(contains(a, "customers", "cus_AbC")).isTrue();
        assertThat(contains(a, "customers", "cus_abc")).isFalse();
        assertThat(contains(a, "cards", "Xt5EWLLDS7FJjR1c")).isTrue();
        assertThat(contains(a, "cards", "xt5ewllds7fjjr1c")).isFalse();
        // Unknown lists, null and empty values never match.
        assertThat(contains(a, "no_such_list", "Casino Royale")).isFalse();
        assertThat(contains(a, "strings", null)).isFalse();
        assertThat(contains(a, "strings", "")).isFalse();

        assertThat(missingAliases(a, List.of("strings", "nope", "ips", "gone"))).containsExactly("nope", "gone");
        assertThat(missingAliases(a, List.of())).isEmpty();
        assertThat(missingAliases(account(), List.of("strings"))).containsExactly("strings");
    }

    @Test
    void containsIsOneProbeOfTheMatchKeyIndex() throws StripeException {
        Account a = account();
        ValueList l = list(a.stripe(), "probed", ValueListCreateParams.ItemType.EMAIL);
        item(a.stripe(), l.getId(), "a@example.com");
        // A list of realistic size (written directly, for speed), so the planner picks by selectivity.
        jdbi.useHandle(h -> {
            h.createUpdate("INSERT INTO radar_value_list_items (id, account_id, livemode, value_list, created, created_by,"
                            + " value, match_key) SELECT 'rsli_bulk' || n, :account, false, :list, 0, 'API',"
                            + " 'user' || n || '@example.com', 'user' || n || '@example.com'"
                            + " FROM generate_series(1, 5000) AS n")
                    .bind("account", a.id()).bind("list", l.getId()).execute();
            h.execute("ANALYZE radar_value_lists");
            h.execute("ANALYZE radar_value_list_items");
        });
        List<String> planLines = jdbi.withHandle(h -> h.createQuery("EXPLAIN " + ValueListStore.CONTAINS_SQL)
                .bind("account", a.id()).bind("livemode", false).bind("alias", "probed")
                .bindMap(ValueListStore.probeBinds("a@example.com"))
                .mapTo(String.class).list());
        String plan = String.join("\n", planLines);
        // The items are reached through the match-key index on both columns; the handful of lists
        // here may be scanned (the alias index serves that side once there are many).
        assertThat(plan).containsPattern("Index (Only )?Scan using radar_value_list_items_match")
                .containsPattern("Index Cond: \\(\\(value_list = l\\.id\\) AND \\(match_key = ANY")
                .doesNotContain("Seq Scan on radar_value_list_items");
        assertThat(contains(a, "probed", "A@EXAMPLE.COM")).isTrue();
        assertThat(contains(a, "probed", "user4999@example.com")).isTrue();
        assertThat(contains(a, "probed", "user5001@example.com")).isFalse();
    }
}
