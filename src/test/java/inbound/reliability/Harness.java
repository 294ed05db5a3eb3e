package inbound.reliability;

import inbound.testing.Webhooks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The harness's traffic: groups of two providers, each group's events numbered in the order they are sent. */
final class Harness {

    static final List<String> PROVIDERS = List.of("shopify", "github");
    static final String SECRET = "harness-signing-secret";

    private Harness() {
    }

    /** The environment that gives the harness's providers their secret. */
    static Map<String, String> providerSecrets() {
        return Map.of("INBOUND_PROVIDER_SHOPIFY_SECRET", SECRET, "INBOUND_PROVIDER_GITHUB_SECRET", SECRET);
    }

    /**
     * {@code groups} groups, alternately Shopify shops and GitHub repositories, each with {@code perGroup}
     * events of at least {@code bodyBytes}.
     */
    static List<List<Delivery>> deliveries(String run, int groups, int perGroup, int bodyBytes) {
        List<List<Delivery>> all = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            String provider = PROVIDERS.get(g % PROVIDERS.size());
            String group = provider.equals("shopify") ? "shop-" + g + ".myshopify.com" : "harness/repo-" + g;
            List<Delivery> ofGroup = new ArrayList<>();
            for (int seq = 0; seq < perGroup; seq++) {
                ofGroup.add(new Delivery(provider, group, seq, run + "-" + g + "-" + seq, bodyBytes));
            }
            all.add(ofGroup);
        }
        return all;
    }

    static byte[] body(Delivery delivery) {
        String unpadded = "\"harness\": {\"group\": \"" + delivery.group() + "\", \"seq\": " + delivery.seq() + "}";
        // an event's usual size, for scenarios where what the queue holds matters
        int padding = delivery.bodyBytes() - unpadded.length() - 120;
        String harness = padding <= 0 ? unpadded : unpadded + ", \"padding\": \"" + "p".repeat(padding) + "\"";
        return Webhooks.utf8(delivery.provider().equals("shopify")
                ? "{\"id\": " + delivery.seq() + ", " + harness + "}"
                : "{\"repository\": {\"full_name\": \"" + delivery.group() + "\"}, \"sender\": {\"login\": \"harness\"}, " + harness + "}");
    }

    static Map<String, String> headers(Delivery delivery, byte[] body) {
        return delivery.provider().equals("shopify")
                ? Webhooks.shopify(body, SECRET, delivery.deliveryId(), delivery.group(), "harness/step")
                : Webhooks.github(body, SECRET, delivery.deliveryId(), "harness_step");
    }
}
