package inbound.reliability;

import inbound.testing.Webhooks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The harness's traffic: groups of two providers, each group's events numbered in the order they are sent. */
final class Harness {

    static final List<String> PROVIDERS = List.of("shopify", "github");
    static final String SECRET = "harness-signing-secret";
    /** What marks a poison event's body. */
    static final String POISON = "\"poison\": true";
    static final String ADMIN_TOKEN = "harness-admin-token";

    private Harness() {
    }

    /** The environment that gives the harness's providers their secret, and its replays their token. */
    static Map<String, String> secrets() {
        return Map.of("INBOUND_PROVIDER_SHOPIFY_SECRET", SECRET, "INBOUND_PROVIDER_GITHUB_SECRET", SECRET, "INBOUND_ADMIN_TOKEN", ADMIN_TOKEN);
    }

    /**
     * {@code groups} groups, alternately Shopify shops and GitHub repositories, each with {@code perGroup}
     * events of at least {@code bodyBytes}; every {@code poisonEvery}-th of a group poison (0: none).
     */
    static List<List<Delivery>> deliveries(String run, int groups, int perGroup, int bodyBytes, int poisonEvery) {
        List<List<Delivery>> all = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            String provider = PROVIDERS.get(g % PROVIDERS.size());
            String group = provider.equals("shopify") ? "shop-" + g + ".myshopify.com" : "harness/repo-" + g;
            List<Delivery> ofGroup = new ArrayList<>();
            for (int seq = 0; seq < perGroup; seq++) {
                // never a group's first: the poison ones wait in the dead letters behind processed ones
                boolean poison = poisonEvery > 0 && seq % poisonEvery == poisonEvery / 2;
                ofGroup.add(new Delivery(provider, group, seq, run + "-" + g + "-" + seq, bodyBytes, poison));
            }
            all.add(ofGroup);
        }
        return all;
    }

    static byte[] body(Delivery delivery) {
        String unpadded = "\"harness\": {\"group\": \"" + delivery.group() + "\", \"seq\": " + delivery.seq()
                + (delivery.poison() ? ", " + POISON : "") + "}";
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
