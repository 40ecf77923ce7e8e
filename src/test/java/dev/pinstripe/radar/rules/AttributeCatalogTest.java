package dev.pinstripe.radar.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttributeCatalogTest {

    @Test
    void looksUpTypesByNameWithoutColons() {
        AttributeCatalog catalog = new AttributeCatalog(Map.of("risk_score", AttributeType.NUMBER));

        assertThat(catalog.type("risk_score")).contains(AttributeType.NUMBER);
        assertThat(catalog.type(":risk_score:")).isEmpty();
        assertThat(catalog.type("card_country")).isEmpty();
        assertThat(catalog.ignoresCase("risk_score")).isFalse();
    }

    @Test
    void copiesWhatItIsGiven() {
        Map<String, AttributeType> types = new HashMap<>(Map.of("risk_score", AttributeType.NUMBER));
        AttributeCatalog catalog = new AttributeCatalog(types);

        types.put("card_country", AttributeType.STRING);

        assertThat(catalog.type("card_country")).isEmpty();
    }

    @Test
    void onlyStringAttributesInTheCatalogCanIgnoreCase() {
        Map<String, AttributeType> types = Map.of("risk_score", AttributeType.NUMBER, "card_country",
                AttributeType.STRING);

        assertThat(new AttributeCatalog(types, Set.of("card_country")).ignoresCase("card_country")).isTrue();
        assertThatThrownBy(() -> new AttributeCatalog(types, Set.of("risk_score")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Only string attributes can ignore case, and risk_score is a NUMBER");
        assertThatThrownBy(() -> new AttributeCatalog(types, Set.of("ip_country")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Only string attributes can ignore case, and ip_country is not in the catalog");
    }

    @Test
    void namesMustBeWritableBetweenColons() {
        for (String name : new String[] {"", "card country", "a:b", "é"}) {
            assertThatThrownBy(() -> new AttributeCatalog(Map.of(name, AttributeType.STRING))).as(name)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
