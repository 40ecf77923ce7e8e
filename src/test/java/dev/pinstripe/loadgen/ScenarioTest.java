package dev.pinstripe.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    void creatingACustomerPostsAFormWithAUniqueEmailAndTheRunId() {
        RequestSpec request = new CustomersCreate("lgabc123", true).request(42);

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/customers");
        assertThat(request.formBody()).isEqualTo("email=loadgen-42@example.com&name=Load+Gen&metadata[run]=lgabc123");
    }

    @Test
    void everyCreateCarriesItsOwnIdempotencyKeyUnlessTurnedOff() {
        CustomersCreate withKeys = new CustomersCreate("run", true);
        Set<String> keys = new HashSet<>();
        for (long i = 0; i < 1_000; i++) {
            keys.add(withKeys.request(i).idempotencyKey());
        }

        assertThat(keys).hasSize(1_000).allSatisfy(key -> UUID.fromString(key));
        assertThat(new CustomersCreate("run", false).request(0).idempotencyKey()).isNull();
    }

    @Test
    void retrievingSpreadsRequestsOverAllTheCreatedCustomers() {
        List<String> ids = List.of("cus_a", "cus_b", "cus_c", "cus_d");
        CustomersRetrieve scenario = new CustomersRetrieve(ids, 7);

        Set<String> paths = new HashSet<>();
        LongStream.range(0, 200).forEach(i -> paths.add(scenario.request(i).path()));

        assertThat(paths).containsExactlyInAnyOrder(
                "/v1/customers/cus_a", "/v1/customers/cus_b", "/v1/customers/cus_c", "/v1/customers/cus_d");
        assertThat(scenario.request(5)).isEqualTo(scenario.request(5));
        assertThat(scenario.request(5).method()).isEqualTo("GET");
    }

    @Test
    void listingAsksForTenCustomers() {
        assertThat(new CustomersList().request(3)).isEqualTo(RequestSpec.get("/v1/customers?limit=10"));
    }

    @Test
    void scenarioNamesAreParsedByTheirDottedLabels() {
        assertThat(ScenarioName.parse("customers.retrieve")).isEqualTo(ScenarioName.CUSTOMERS_RETRIEVE);
        assertThatThrownBy(() -> ScenarioName.parse("CUSTOMERS_RETRIEVE"))
                .hasMessageContaining("customers.create, customers.retrieve, customers.list");
    }
}
