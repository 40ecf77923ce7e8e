package dev.pinstripe.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.Params;
import dev.pinstripe.api.Patch;
import dev.pinstripe.money.Currencies;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parameters of PaymentIntent create, update and confirm, validated before anything executes. */
record PaymentIntentParams(
        Patch<Long> amount,
        Patch<String> currency,
        Patch<String> captureMethod,
        Patch<String> confirmationMethod,
        Patch<String> customer,
        Patch<String> paymentMethod,
        Patch<String> description,
        Patch<String> receiptEmail,
        Patch<String> returnUrl,
        Patch<String> setupFutureUsage,
        Patch<ObjectNode> shipping,
        Patch<String> statementDescriptor,
        Patch<String> statementDescriptorSuffix,
        Patch<String> requestThreeDSecure,
        Patch<Map<String, String>> metadata,
        boolean confirm,
        boolean offSession) {

    static final List<String> CAPTURE_METHODS = List.of("automatic", "automatic_async", "manual");
    static final List<String> CONFIRMATION_METHODS = List.of("automatic", "manual");
    static final List<String> SETUP_FUTURE_USAGE = List.of("off_session", "on_session");
    static final List<String> THREE_D_SECURE = List.of("any", "automatic", "challenge");
    static final int ID_MAX = 255;
    static final int STRING_MAX = 5000;
    static final int DESCRIPTOR_MAX = 22;
    static final int URL_MAX = 2048;
    private static final String[] NOT_YET = {"application_fee_amount", "on_behalf_of", "transfer_data",
        "transfer_group", "payment_method_data", "payment_method_configuration", "mandate", "mandate_data",
        "radar_options", "confirmation_token", "payment_details", "hooks", "amount_details", "customer_account",
        "excluded_payment_method_types"};

    static PaymentIntentParams forCreate(Params p) {
        long amount = amount(p, "amount");
        String currency = currency(p);
        checkAmount(amount, currency, "amount");
        PaymentIntentParams params = parse(p, Patch.set(amount), Patch.set(currency), true);
        p.rejectUnknown();
        return params;
    }

    static PaymentIntentParams forUpdate(Params p) {
        Patch<Long> amount = p.has("amount") ? Patch.set(amount(p, "amount")) : Patch.absent();
        Patch<String> currency = p.has("currency") ? Patch.set(currency(p)) : Patch.absent();
        PaymentIntentParams params = parse(p, amount, currency, false);
        p.rejectUnknown();
        return params;
    }

    static PaymentIntentParams forConfirm(Params p) {
        PaymentIntentParams params = parse(p, Patch.absent(), Patch.absent(), false);
        p.rejectUnknown();
        return params;
    }

    private static PaymentIntentParams parse(Params p, Patch<Long> amount, Patch<String> currency, boolean create) {
        p.rejectNotSupported(NOT_YET);
        paymentMethodTypes(p);
        Patch<Params> automatic = p.object("automatic_payment_methods");
        if (automatic instanceof Patch.Set<Params> a) {
            a.value().bool("enabled");
            a.value().enumValue("allow_redirects", List.of("always", "never"));
        }
        Patch<String> threeDs = Patch.absent();
        Patch<Params> options = p.object("payment_method_options");
        if (options instanceof Patch.Set<Params> o && o.value().object("card") instanceof Patch.Set<Params> card) {
            threeDs = card.value().enumValue("request_three_d_secure", THREE_D_SECURE);
            card.value().enumValue("capture_method", List.of("manual"));
            card.value().enumValue("setup_future_usage", List.of("none", "off_session", "on_session"));
        }
        boolean confirm = create ? p.bool("confirm").orDefault(false) : false;
        Patch<Boolean> offSession = p.bool("off_session");
        Patch<String> confirmationMethod = create ? p.enumValue("confirmation_method", CONFIRMATION_METHODS)
                : Patch.absent();
        p.bool("error_on_requires_action");
        p.bool("use_stripe_sdk");
        return new PaymentIntentParams(amount, currency,
                p.enumValue("capture_method", CAPTURE_METHODS),
                confirmationMethod,
                p.string("customer", ID_MAX),
                p.string("payment_method", ID_MAX),
                p.string("description", STRING_MAX),
                p.string("receipt_email", 800),
                p.string("return_url", URL_MAX),
                p.enumValue("setup_future_usage", SETUP_FUTURE_USAGE),
                shipping(p),
                descriptor(p, "statement_descriptor"),
                descriptor(p, "statement_descriptor_suffix"),
                threeDs,
                p.metadata(),
                confirm,
                offSession.orDefault(false));
    }

    /** Only cards exist in Pinstripe: {@code payment_method_types} may name card and nothing else. */
    private static void paymentMethodTypes(Params p) {
        Patch<List<String>> types = p.stringList("payment_method_types", 64, 50);
        if (types instanceof Patch.Set<List<String>> t) {
            for (int i = 0; i < t.value().size(); i++) {
                if (!t.value().get(i).equals("card")) {
                    throw ApiErrors.invalidValue("payment_method_types[" + i + "]", "Pinstripe supports the card"
                            + " payment method type only (got '" + t.value().get(i) + "'; see docs/compatibility.md).");
                }
            }
        }
    }

    static long amount(Params p, String key) {
        Patch<Long> amount = p.integer(key);
        if (!(amount instanceof Patch.Set<Long> a)) {
            throw ApiErrors.parameterMissing(key);
        }
        if (a.value() < 1) {
            throw ApiErrors.amountNotPositive(key);
        }
        return a.value();
    }

    static String currency(Params p) {
        String currency = p.requiredString("currency", 16).toLowerCase(Locale.ROOT);
        if (!Currencies.isSupported(currency)) {
            throw ApiErrors.currencyInvalid(currency, Currencies.supportedList());
        }
        return currency;
    }

    /** Stripe's minimum and maximum charge amounts. */
    static void checkAmount(long amount, String currency, String param) {
        if (amount < Currencies.minimumChargeAmount(currency)) {
            throw ApiErrors.amountTooSmall(param,
                    Currencies.display(Currencies.minimumChargeAmount(currency), currency));
        }
        if (amount > Currencies.AMOUNT_MAX) {
            throw ApiErrors.amountTooLarge(param, Currencies.displayMaximum(currency));
        }
    }

    private static Patch<String> descriptor(Params p, String key) {
        return p.string(key, DESCRIPTOR_MAX);
    }

    static Patch<ObjectNode> shipping(Params p) {
        return p.object("shipping").map(s -> {
            ObjectNode o = Json.object();
            Params address = s.requiredObject("address");
            ObjectNode a = o.putObject("address");
            for (String f : BillingDetails.ADDRESS_FIELDS) {
                PaymentMethodJson.putNullable(a, f, address.string(f, STRING_MAX).orNull());
            }
            PaymentMethodJson.putNullable(o, "carrier", s.string("carrier", STRING_MAX).orNull());
            o.put("name", s.requiredString("name", STRING_MAX));
            PaymentMethodJson.putNullable(o, "phone", s.string("phone", STRING_MAX).orNull());
            PaymentMethodJson.putNullable(o, "tracking_number", s.string("tracking_number", STRING_MAX).orNull());
            return o;
        });
    }
}
