package inbound.lambda;

import inbound.ingest.ApiKeyCheck;
import inbound.provider.ProviderCatalog;
import inbound.provider.ProviderDefinition;
import inbound.provider.SampleWebhook;
import inbound.wiring.ProviderBeans;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The webhooks a priming run makes up: one for each provider of the catalog whose signature can be made (a
 * scheme missing a setting, as Twilio's public URL, refuses every request anyway), signed with the run's
 * made-up secret and presenting its made-up API key — the provider's shipped sample where it has one, else a
 * small JSON body — so that each provider's signature scheme is loaded, as each provider's first request needs.
 */
final class PrimingWebhooks {

    private static final byte[] MADE_UP_BODY = "{\"inbound\":\"priming\"}".getBytes(StandardCharsets.UTF_8);

    private PrimingWebhooks() {
    }

    static List<SampleWebhook> of(FunctionContext priming, MadeUpSecrets secrets) throws IOException {
        return catalog(priming).all().stream()
                .filter(provider -> provider.signature().misconfiguration().isEmpty())
                .map(provider -> withApiKey(SampleWebhook.forProvider(provider, secrets.signingBytes()).orElseGet(() -> madeUp(provider, secrets)),
                        secrets))
                .toList();
    }

    /** Only the samples (the providers that ship one): the events a worker would be given, with their topics. */
    static List<SampleWebhook> samples(FunctionContext priming, MadeUpSecrets secrets) throws IOException {
        return catalog(priming).all().stream().flatMap(provider -> SampleWebhook.forProvider(provider, secrets.signingBytes()).stream()).toList();
    }

    /** The function's catalog; read here for a function that has none of its own (the worker). */
    private static ProviderCatalog catalog(FunctionContext priming) throws IOException {
        ProviderCatalog catalog = priming.camel().getRegistry().findSingleByType(ProviderCatalog.class);
        return catalog != null ? catalog : ProviderBeans.loadCatalog(priming.camel(), priming.settings().providers());
    }

    private static SampleWebhook madeUp(ProviderDefinition provider, MadeUpSecrets secrets) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.putAll(provider.signature().sign(MADE_UP_BODY, null, secrets.signingBytes(), Instant.now()));
        return new SampleWebhook(provider.id(), Optional.empty(), headers, MADE_UP_BODY);
    }

    private static SampleWebhook withApiKey(SampleWebhook webhook, MadeUpSecrets secrets) {
        Map<String, String> headers = new LinkedHashMap<>(webhook.headers());
        headers.put(ApiKeyCheck.HEADER, secrets.apiKey());
        return new SampleWebhook(webhook.provider(), webhook.topic(), headers, webhook.body());
    }
}
