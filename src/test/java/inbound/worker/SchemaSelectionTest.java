package inbound.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inbound.queue.QueuedEvent;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class SchemaSelectionTest {

    private static Exchange eventOf(String provider, String topic) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(WorkerProperties.EVENT, new QueuedEvent("e", provider, topic, "d", provider + ":g", Instant.now(), 1, 0, "{}"));
        return exchange;
    }

    @Test
    void shouldMapTheTopicToAFileAndFallBackToTheProvidersDefault() {
        SchemaSelection selection = new SchemaSelection("classpath:schemas", false);
        Exchange ordersCreate = eventOf("shopify", "orders/create");
        Exchange pullRequest = eventOf("github", "pull_request");
        Exchange unknownTopic = eventOf("github", "workflow_run");

        selection.process(ordersCreate);
        selection.process(pullRequest);
        selection.process(unknownTopic);

        assertThat(ordersCreate.getProperty(WorkerProperties.SCHEMA)).isEqualTo("classpath:schemas/shopify/orders-create.json");
        assertThat(pullRequest.getProperty(WorkerProperties.SCHEMA)).isEqualTo("classpath:schemas/github/pull_request.json");
        assertThat(unknownTopic.getProperty(WorkerProperties.SCHEMA)).isEqualTo("classpath:schemas/github/default.json");
    }

    @Test
    void shouldProcessUnvalidatedWithoutSchemaUnlessStrict() {
        Exchange lenient = eventOf("acme", "anything");
        new SchemaSelection("classpath:schemas", false).process(lenient);

        assertThat(lenient.getProperty(WorkerProperties.SCHEMA)).isNull();
        assertThatThrownBy(() -> new SchemaSelection("classpath:schemas", true).process(eventOf("acme", "anything")))
                .isInstanceOfSatisfying(PermanentFailure.class, failure -> assertThat(failure.code()).isEqualTo("no_schema"));
    }

    @Test
    void shouldTurnTopicsIntoSafeFileNames() {
        assertThat(Topics.fileName("orders/create")).isEqualTo("orders-create");
        assertThat(Topics.fileName("../../etc/passwd")).isEqualTo("..-..-etc-passwd");
        assertThat(Topics.fileName(null)).isEqualTo("default");
    }
}
