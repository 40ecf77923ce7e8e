package dev.pinstripe.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The expansion mechanism on rendered JSON, with a small object graph: a charge references a
 * customer, which references a source. Loaders are plain functions here; they need no database.
 */
class ExpansionsTest {
    static final Scope SCOPE = new Scope("acct_test", false);

    static ObjectNode customer(String id) {
        ObjectNode c = Json.object(id, "customer");
        c.put("default_source", "card_1");
        c.putObject("invoice_settings").put("default_payment_method", "pm_1");
        return c;
    }

    final Expansions expansions = new Expansions()
            .reference("charge", "customer", "customer")
            .reference("customer", "default_source", "card")
            .reference("customer", "invoice_settings.default_payment_method", "payment_method")
            .includable("customer", "tax_ids", "list", (h, s, c) -> {
                ObjectNode list = Json.object();
                list.put("object", "list");
                list.putArray("data");
                return list;
            })
            .loader("cus_", (h, s, id) -> Optional.of(customer(id)))
            .loader("card_", (h, s, id) -> Optional.of(Json.object(id, "card")))
            .loader("pm_", (h, s, id) -> Optional.of(Json.object(id, "payment_method")));

    static ObjectNode charge() {
        ObjectNode charge = Json.object("ch_1", "charge");
        charge.put("customer", "cus_1");
        return charge;
    }

    @Test
    void aReferenceIsReplacedByTheObjectItNames() {
        ObjectNode charge = charge();
        expansions.validate("charge", null, List.of("customer"));
        expansions.expand(null, SCOPE, charge, List.of("customer"));
        assertThat(charge.get("customer").get("object").asText()).isEqualTo("customer");
        assertThat(charge.get("customer").get("default_source").asText()).isEqualTo("card_1");
    }

    @Test
    void expansionsNestThroughExpandedObjectsAndDottedFields() {
        ObjectNode charge = charge();
        List<String> paths = List.of("customer.default_source", "customer.invoice_settings.default_payment_method");
        expansions.validate("charge", null, paths);
        expansions.expand(null, SCOPE, charge, paths);
        assertThat(charge.at("/customer/default_source/object").asText()).isEqualTo("card");
        assertThat(charge.at("/customer/invoice_settings/default_payment_method/object").asText())
                .isEqualTo("payment_method");
    }

    @Test
    void listsExpandEachItemThroughData() {
        ObjectNode list = Lists.render(new Page<>(List.of(charge(), charge()), false), "/v1/charges", c -> c);
        expansions.validate("list", "charge", List.of("data.customer"));
        expansions.expand(null, SCOPE, list, List.of("data.customer"));
        assertThat(list.get("data")).allSatisfy(c -> assertThat(c.at("/customer/id").asText()).isEqualTo("cus_1"));
    }

    @Test
    void includableFieldsAreAddedOnlyWhenAskedFor() {
        ObjectNode c = customer("cus_2");
        assertThat(c.has("tax_ids")).isFalse();
        expansions.expand(null, SCOPE, c, List.of("tax_ids"));
        assertThat(c.at("/tax_ids/object").asText()).isEqualTo("list");
    }

    @Test
    void nullReferencesAndUnknownIdsStayAsTheyAre() {
        ObjectNode charge = charge();
        charge.putNull("customer");
        expansions.expand(null, SCOPE, charge, List.of("customer"));
        assertThat(charge.get("customer").isNull()).isTrue();
        ObjectNode other = charge();
        other.put("customer", "zzz_unknown");
        expansions.expand(null, SCOPE, other, List.of("customer"));
        assertThat(other.get("customer").asText()).isEqualTo("zzz_unknown");
    }

    @Test
    void pathsThatAreNotExpandableAreRejectedBeforeAnythingRuns() {
        assertThatThrownBy(() -> expansions.validate("charge", null, List.of("amount")))
                .hasMessage("This property cannot be expanded (amount).");
        assertThatThrownBy(() -> expansions.validate("list", "charge", List.of("customer")))
                .hasMessageContaining("You may want to try expanding 'data.customer' instead.");
        assertThatThrownBy(() -> expansions.validate("charge", null, List.of("customer.default_source.owner")))
                .hasMessage("This property cannot be expanded (customer.default_source.owner).");
        assertThatThrownBy(() -> expansions.validate("list", "charge", List.of("data.customer.default_source.x.y")))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.code()).isEqualTo("property_expansion_max_depth"));
    }
}
