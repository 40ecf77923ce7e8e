package dev.pinstripe.radar.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RuleActionTest {

    @Test
    void declarationOrderIsStripesEvaluationOrder() {
        assertThat(RuleAction.values()).containsExactly(RuleAction.REQUEST_CREDENTIALS, RuleAction.ALLOW,
                RuleAction.BLOCK, RuleAction.REVIEW);
    }

    @Test
    void wireNamesAreStripes() {
        assertThat(RuleAction.REQUEST_CREDENTIALS.wireName()).isEqualTo("request_credentials");
        assertThat(RuleAction.ALLOW.wireName()).isEqualTo("allow");
        assertThat(RuleAction.BLOCK.wireName()).isEqualTo("block");
        assertThat(RuleAction.REVIEW.wireName()).isEqualTo("review");
    }

    @Test
    void fromWireInvertsWireName() {
        for (RuleAction action : RuleAction.values()) {
            assertThat(RuleAction.fromWire(action.wireName())).isSameAs(action);
        }
    }

    @Test
    void fromWireRefusesUnknownAndRuleSpellings() {
        assertThatThrownBy(() -> RuleAction.fromWire("Block")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown rule action: Block");
        assertThatThrownBy(() -> RuleAction.fromWire("request credentials"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
