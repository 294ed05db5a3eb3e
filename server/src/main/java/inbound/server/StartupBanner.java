package inbound.server;

import inbound.ingest.ProviderSecrets;
import inbound.provider.ProviderCatalog;
import inbound.provider.ProviderDefinition;
import inbound.provider.SampleWebhook;
import inbound.queue.QueueSettings;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;

/**
 * Tells a newcomer, once Inbound is up, where it listens and how to send it a signed sample event.
 * The curl carries a signature made with the configured secret; the secret itself is never printed.
 */
public final class StartupBanner extends OnceAtStart {

    private final Consumer<String> out;
    private final HttpSettings http;
    private final QueueLocation queueLocation;

    /** {@code out}: where the banner goes, as one block. */
    StartupBanner(Consumer<String> out, HttpSettings http, QueueLocation queueLocation) {
        this.out = out;
        this.http = http;
        this.queueLocation = queueLocation;
    }

    @Override
    void started(CamelContext context) {
        ProviderCatalog catalog = context.getRegistry().findSingleByType(ProviderCatalog.class);
        ProviderSecrets secrets = context.getRegistry().findSingleByType(ProviderSecrets.class);
        QueueSettings queues = context.getRegistry().findSingleByType(QueueSettings.class);
        String baseUrl = http.baseUrl();

        StringBuilder banner = new StringBuilder("\nInbound is ready.\n")
                .append("  Webhooks  POST ").append(baseUrl).append("/webhooks/{provider}   providers: ")
                .append(catalog.all().stream().map(ProviderDefinition::id).collect(Collectors.joining(", "))).append('\n')
                .append("  Health    GET  ").append(baseUrl).append("/health\n")
                .append("  Console   ").append(baseUrl).append("/console   (the INBOUND_ADMIN_TOKEN opens it)\n")
                .append("  SQS       ").append(queueLocation.describe()).append("  queue ").append(queues.queueName())
                .append(", dead letters ").append(queues.deadLetterQueueName()).append('\n');
        Optional<SampleWebhook> sample = catalog.all().stream()
                .filter(provider -> !secrets.of(provider.id()).isEmpty())
                .flatMap(provider -> SampleWebhook.forProvider(provider, secrets.of(provider.id()).get(0)).stream())
                .findFirst();
        if (sample.isPresent()) {
            banner.append("\nSend a signed sample event (expect 202):\n\n").append(sample.get().asCurl(baseUrl)).append("\n");
        } else {
            ProviderDefinition first = catalog.all().iterator().next();
            banner.append("\nNo provider has a signing secret, so every webhook is refused. Set one, e.g. ")
                    .append(first.secretVariable()).append("=..., and restart for a ready-to-paste signed curl.\n");
        }
        out.accept(banner.toString());
    }
}
