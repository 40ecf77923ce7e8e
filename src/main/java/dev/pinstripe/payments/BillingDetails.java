package dev.pinstripe.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.Params;
import dev.pinstripe.api.Patch;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code billing_details} of payment methods and charges, kept as the API shows it. */
final class BillingDetails {
    static final int FIELD_MAX = 5000;
    static final int EMAIL_MAX = 800;
    static final String[] ADDRESS_FIELDS = {"city", "country", "line1", "line2", "postal_code", "state"};
    static final String[] FIELDS = {"email", "name", "phone", "tax_id"};

    private BillingDetails() {}

    static ObjectNode empty() {
        ObjectNode o = Json.object();
        ObjectNode address = o.putObject("address");
        for (String f : ADDRESS_FIELDS) {
            address.putNull(f);
        }
        for (String f : FIELDS) {
            o.putNull(f);
        }
        return o;
    }

    /**
     * A parsed {@code billing_details} parameter (every nested field read at once, so unknown ones
     * are reported before anything executes).
     */
    record Update(boolean unsetAll, boolean unsetAddress, Map<String, Patch<String>> address,
            Map<String, Patch<String>> fields) {
        static final Update NONE = new Update(false, false, Map.of(), Map.of());

        ObjectNode applyTo(ObjectNode current) {
            if (unsetAll) {
                return empty();
            }
            ObjectNode o = current.deepCopy();
            if (unsetAddress) {
                o.set("address", empty().get("address"));
            }
            address.forEach((f, patch) -> put((ObjectNode) o.get("address"), f, patch));
            fields.forEach((f, patch) -> put(o, f, patch));
            return o;
        }
    }

    static Update parse(Patch<Params> patch) {
        return switch (patch) {
            case Patch.Absent<Params> a -> Update.NONE;
            case Patch.Unset<Params> u -> new Update(true, false, Map.of(), Map.of());
            case Patch.Set<Params> s -> {
                Params p = s.value();
                Patch<Params> addressPatch = p.object("address");
                Map<String, Patch<String>> address = new LinkedHashMap<>();
                if (addressPatch instanceof Patch.Set<Params> a) {
                    for (String f : ADDRESS_FIELDS) {
                        address.put(f, a.value().string(f, FIELD_MAX));
                    }
                }
                Map<String, Patch<String>> fields = new LinkedHashMap<>();
                for (String f : FIELDS) {
                    fields.put(f, p.string(f, f.equals("email") ? EMAIL_MAX : FIELD_MAX));
                }
                yield new Update(false, addressPatch instanceof Patch.Unset<Params>, address, fields);
            }
        };
    }

    private static void put(ObjectNode o, String field, Patch<String> patch) {
        switch (patch) {
            case Patch.Absent<String> a -> { }
            case Patch.Unset<String> u -> o.putNull(field);
            case Patch.Set<String> s -> o.put(field, s.value());
        }
    }

    static boolean hasAddress(ObjectNode billing, String addressField) {
        return billing.path("address").path(addressField).isTextual();
    }
}
