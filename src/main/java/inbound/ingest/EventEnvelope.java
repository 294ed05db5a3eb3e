package inbound.ingest;

import inbound.provider.ProviderDefinition;
import inbound.provider.ValueSource;
import inbound.queue.EventAttributes;
import inbound.queue.MessageGroups;
import inbound.queue.TraceHeader;
import inbound.support.LoggedEvent;
import inbound.support.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Prepares the queue message: the raw body stays the body; provider, topic, event id, delivery id
 * and received-at become the only headers (which the queue writer sends as message attributes); the
 * ordering key becomes the message group and the event id the deduplication id; the request's log lines name the
 * event from here on.
 *
 * <p>The event id is derived from provider and delivery id, so a provider's retry of a delivery gets
 * the same id. A provider that sends no delivery id has its body's SHA-256 used in its place. A
 * provider whose delivery id is a header outside its signature has its event id derived from topic and
 * body instead (see {@link ProviderDefinition.EventIdentity}).
 */
public final class EventEnvelope implements Processor {

    private final Clock clock;

    public EventEnvelope(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        ProviderDefinition provider = exchange.getProperty(IngestProperties.PROVIDER, ProviderDefinition.class);
        byte[] body = exchange.getProperty(IngestProperties.RAW_BODY, byte[].class);
        Message message = exchange.getMessage();
        WebhookRequest request = new WebhookRequest(exchange);

        String deliveryId = ValueSource.first(provider.deliveryId(), request).orElseGet(() -> "sha256:" + Sha256.hex(body));
        Optional<String> topic = ValueSource.first(provider.topic(), request);
        String eventId = eventId(provider, deliveryId, topic, body);
        String orderingKey = ValueSource.first(provider.orderingKey(), request).orElse(deliveryId);

        message.removeHeaders("*");
        message.setHeader(EventAttributes.PROVIDER, provider.id());
        topic.ifPresent(value -> message.setHeader(EventAttributes.TOPIC, value));
        message.setHeader(EventAttributes.EVENT_ID, eventId);
        message.setHeader(EventAttributes.DELIVERY_ID, deliveryId);
        message.setHeader(EventAttributes.RECEIVED_AT, clock.instant().toString());
        message.setBody(body);

        String groupId = MessageGroups.groupId(provider.id(), orderingKey);
        exchange.setProperty(IngestProperties.EVENT_ID, eventId);
        exchange.setProperty(EventAttributes.GROUP_ID_PROPERTY, groupId);
        exchange.setProperty(EventAttributes.DEDUPLICATION_ID_PROPERTY, eventId);
        TraceHeader trace = exchange.getProperty(EventAttributes.TRACE_PROPERTY, TraceHeader.class);
        new LoggedEvent(eventId, provider.id(), deliveryId, groupId, trace == null ? null : trace.traceId()).attachTo(exchange);
    }

    private static String eventId(ProviderDefinition provider, String deliveryId, Optional<String> topic, byte[] body) {
        String identity = switch (provider.eventIdentity()) {
            case DELIVERY_ID -> deliveryId;
            // the topic's length first, so that no topic can reach into the body's digest
            case TOPIC_AND_BODY -> "topic-and-body\n" + topic.map(value -> value.length() + ":" + value).orElse("-") + "\n" + Sha256.hex(body);
        };
        return UUID.nameUUIDFromBytes((provider.id() + "\n" + identity).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
