package dev.pinstripe.ids;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** IDs minted while a request is served are named on that request's log lines (the MDC). */
class IdsLoggingTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void idsMintedDuringARequestJoinItsLogContextUpToTheBound() {
        MDC.put(Ids.REQUEST_ID_KEY, "req_test");
        String pm = Ids.object("pm_");
        String pi = Ids.object("pi_");
        assertThat(MDC.get(Ids.OBJECT_IDS_KEY)).isEqualTo(pm + "," + pi);
        for (int i = 0; i < 20; i++) {
            Ids.object("evt_");
        }
        assertThat(MDC.get(Ids.OBJECT_IDS_KEY).split(",")).hasSize(Ids.LOGGED_IDS_MAX).startsWith(pm, pi);
    }

    @Test
    void idsMintedOutsideARequestLeaveTheLogContextAlone() {
        Ids.object("cus_");
        assertThat(MDC.get(Ids.OBJECT_IDS_KEY)).isNull();
    }
}
